package dev.codeai.integrations.integration;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds, or an HTTP date, which is measured
 * against the same response's {@code Date} header so that neither clock skew nor our clock matters.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    static Optional<Duration> of(UpstreamResponse response) {
        return response.header("Retry-After").flatMap(value -> parse(value.trim(), response.header("Date")));
    }

    /** {@code value} of a Retry-After header; {@code date} the same response's {@code Date} header, if any. */
    public static Optional<Duration> parse(String value, Optional<String> date) {
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            return date.map(d -> ZonedDateTime.parse(d.trim(), DateTimeFormatter.RFC_1123_DATE_TIME))
                    .map(now -> Duration.between(now, at)).filter(d -> !d.isNegative());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
