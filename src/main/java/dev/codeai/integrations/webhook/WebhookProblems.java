package dev.codeai.integrations.webhook;

import dev.codeai.integrations.platform.ApiProblem;
import java.util.List;

/** The problems of the webhook and event API, rendered as problem+json. */
public final class WebhookProblems {

    private WebhookProblems() {
    }

    public static final class UnknownEndpoint extends ApiProblem {
        private static final long serialVersionUID = 1L;

        public UnknownEndpoint(String id) {
            super(404, "Unknown webhook endpoint", "No webhook endpoint has the id '" + id + "'.");
        }
    }

    public static final class UnknownDelivery extends ApiProblem {
        private static final long serialVersionUID = 1L;

        public UnknownDelivery(String id) {
            super(404, "Unknown webhook delivery", "No webhook delivery has the id '" + id + "'.");
        }
    }

    /** 400 naming every field that is wrong. */
    public static final class InvalidFields extends ApiProblem {
        private static final long serialVersionUID = 1L;
        private final transient List<FieldError> errors;

        public InvalidFields(List<FieldError> errors) {
            super(400, "Invalid request", "The request has " + errors.size() + " invalid field"
                    + (errors.size() == 1 ? "" : "s") + ".");
            this.errors = List.copyOf(errors);
        }

        @Override
        public List<FieldError> errors() {
            return errors;
        }
    }

    /** 409: a manual retry of a delivery the engine is still working on. */
    public static final class StillScheduled extends ApiProblem {
        private static final long serialVersionUID = 1L;

        public StillScheduled(String id, String status) {
            super(409, "Delivery still scheduled", "Delivery " + id + " is " + status
                    + "; only delivered or failed deliveries can be retried by hand.");
        }
    }

    /** 409: recovery of an inactive endpoint's deliveries, which would end failed again unsent. */
    public static final class InactiveEndpoint extends ApiProblem {
        private static final long serialVersionUID = 1L;

        public InactiveEndpoint(String id) {
            super(409, "Endpoint inactive", "Webhook endpoint " + id + " is inactive; activate it (PUT /webhooks/" + id
                    + " with is_active true) before recovering its deliveries.");
        }
    }

    /** 503: the DSL declares no webhook integration, so there is no engine to deliver with. */
    public static final class NoEngine extends ApiProblem {
        private static final long serialVersionUID = 1L;

        public NoEngine() {
            super(503, "No webhook engine", "The integrations file declares no type: webhook integration.");
        }
    }
}
