package dev.codeai.integrations.integration;

import dev.codeai.integrations.platform.ApiProblem;
import java.util.List;
import java.util.Map;

/** The problems of the invoke endpoint's own idempotency ({@code Idempotency-Key}), rendered as problem+json. */
public final class ReplayProblems {

    private ReplayProblems() {
    }

    /** 400: the key is empty, too long or not printable ASCII. */
    public static final class InvalidKey extends ApiProblem {
        private static final long serialVersionUID = 1L;

        public InvalidKey(int maxLength) {
            super(400, "Invalid Idempotency-Key", "The Idempotency-Key header is not a usable key.");
            this.maxLength = maxLength;
        }

        private final int maxLength;

        @Override
        public List<FieldError> errors() {
            return List.of(new FieldError("Idempotency-Key",
                    "must be 1 to " + maxLength + " printable ASCII characters, e.g. a UUID"));
        }
    }

    /** 422: the key was first used for another request (another operation or other arguments). */
    public static final class KeyReused extends ApiProblem {
        private static final long serialVersionUID = 1L;

        public KeyReused() {
            super(422, "Idempotency-Key reused", "This Idempotency-Key was used for a different request; "
                    + "a key may only repeat the identical request (same operation and arguments).");
        }

        @Override
        public List<FieldError> errors() {
            return List.of(new FieldError("Idempotency-Key", "was used for a different request"));
        }
    }

    /** 409: the first request with this key is still running after this one waited as long as a call may take. */
    public static final class StillRunning extends ApiProblem {
        private static final long serialVersionUID = 1L;

        public StillRunning() {
            super(409, "Request in progress", "The first request with this Idempotency-Key is still running; "
                    + "repeat it later to receive its answer.");
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", "1");
        }
    }
}
