package dev.codeai.integrations.security;

import dev.codeai.integrations.platform.ApiProblem;
import java.util.List;
import java.util.Map;

/** The 401 and 403 problems of {@link AccessFilter}. */
final class AccessProblems {

    private AccessProblems() {
    }

    /** No usable bearer token: missing, malformed, expired, or not signed by a trusted issuer. */
    static final class Unauthorized extends ApiProblem {
        private static final long serialVersionUID = 1L;
        private final String challenge;

        private Unauthorized(String detail, String challenge) {
            super(401, "Unauthorized", detail);
            this.challenge = challenge;
        }

        static Unauthorized missingToken() {
            return new Unauthorized("This route needs a bearer token: send 'Authorization: Bearer <token>'.",
                    "Bearer realm=\"codeai\"");
        }

        static Unauthorized invalidToken() {
            return new Unauthorized("The bearer token was rejected: it is malformed, expired, or not issued and "
                    + "signed by the configured issuer.", "Bearer realm=\"codeai\", error=\"invalid_token\"");
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("WWW-Authenticate", challenge);
        }
    }

    /** A valid token without any of the route's roles. */
    static final class Forbidden extends ApiProblem {
        private static final long serialVersionUID = 1L;

        Forbidden(List<String> roles) {
            super(403, "Forbidden", "This route needs one of the roles " + String.join(", ", roles)
                    + "; the token carries none of them.");
        }
    }
}
