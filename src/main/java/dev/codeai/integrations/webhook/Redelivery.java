package dev.codeai.integrations.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What follows an attempt (DSL.md §5.6 "Attempt outcomes", "Waits", "Delivery status"): a status in
 * {@code success_codes} delivers; 410 fails the delivery at once and disables its endpoint; anything else fails the
 * attempt, retried while attempts remain after the k-th scheduled wait ±10 %, or the receiver's {@code Retry-After}
 * on a 429/503 clamped to [that wait, the schedule's longest]; after the last attempt the delivery is failed, and
 * at once when the request could not be made from the delivery ({@link Attempt#unsendable}), as no retry would help.
 */
final class Redelivery {

    /** The delivery's state after the attempt; {@code nextAttempt} only while retrying. */
    record Decision(String status, Optional<Instant> nextAttempt, boolean disableEndpoint, boolean success) {
    }

    private Redelivery() {
    }

    /** After an attempt of {@code delivery}, counted within its current schedule, which a recovery starts again. */
    static Decision after(Attempt attempt, DeliveryStore.Claimed delivery, boolean automatic, WebhookSettings settings,
                          Instant now, RandomGenerator random) {
        return after(attempt, delivery.attemptCount() + 1 - delivery.scheduleStart(),
                delivery.maxAttempts() - delivery.scheduleStart(), automatic, settings, now, random);
    }

    /** {@code attemptNumber} and {@code maxAttempts} count within the delivery's current schedule. */
    static Decision after(Attempt attempt, int attemptNumber, int maxAttempts, boolean automatic, WebhookSettings settings,
                          Instant now, RandomGenerator random) {
        int status = attempt.status().orElse(-1);
        if (status >= 0 && settings.succeeded(status)) {
            return new Decision(DeliveryStore.DELIVERED, Optional.empty(), false, true);
        }
        if (attempt.unsendable()) {
            return new Decision(DeliveryStore.FAILED, Optional.empty(), false, false);
        }
        if (status == 410) {
            return new Decision(DeliveryStore.FAILED, Optional.empty(), true, false);
        }
        if (!automatic || attemptNumber >= maxAttempts) {
            return new Decision(DeliveryStore.FAILED, Optional.empty(), false, false);
        }
        Duration scheduled = settings.waitBefore(attemptNumber);
        Duration wait = attempt.retryAfter().filter(r -> status == 429 || status == 503)
                .map(r -> clamp(r, scheduled, settings.longestWait()))
                .orElseGet(() -> jitter(scheduled, random));
        return new Decision(DeliveryStore.RETRYING, Optional.of(now.plus(wait)), false, false);
    }

    private static Duration jitter(Duration wait, RandomGenerator random) {
        double factor = 0.9 + 0.2 * random.nextDouble();
        return Duration.ofMillis(Math.round(wait.toMillis() * factor));
    }

    private static Duration clamp(Duration value, Duration low, Duration high) {
        Duration top = high.compareTo(low) < 0 ? low : high;
        return value.compareTo(low) < 0 ? low : value.compareTo(top) > 0 ? top : value;
    }
}
