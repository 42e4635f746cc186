package dev.codeai.integrations.webhook;

/**
 * What an event type, and an endpoint's entry in {@code events}, may be: 1 to 255 characters that an HTTP header can
 * carry, since the {@code deliver} operation's headers send the type ({@code X-Webhook-Event: {event_type}} in the
 * example): no line break or other control character and nothing beyond Latin-1. A type that no header could carry
 * would be stored and then fail every attempt.
 */
final class EventTypes {

    static final int MAX_LENGTH = 255;
    static final String RULE = "must be 1 to " + MAX_LENGTH + " characters without line breaks, other control characters"
            + " or characters beyond Latin-1 (event types are sent in HTTP headers), e.g. order.created";

    private EventTypes() {
    }

    static boolean valid(String type) {
        if (type.isBlank() || type.length() > MAX_LENGTH) {
            return false;
        }
        return type.chars().allMatch(c -> c >= 0x20 && c != 0x7f && c <= 0xff && (c < 0x80 || c >= 0xa0));
    }
}
