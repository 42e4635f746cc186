package dev.codeai.integrations.platform;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Row and correlation ids: UUID version 7 (RFC 9562), the Unix time in milliseconds then 74 random bits. Ids made
 * later sort later, so new rows land at the end of their primary-key index instead of on a random page of it, and
 * making one takes no lock: {@link UUID#randomUUID()} draws from one shared {@code SecureRandom} that every thread
 * waits for under load. Not for secrets or anything a caller must not guess (idempotency keys, token ids): those stay
 * {@link UUID#randomUUID()}.
 */
public final class Ids {

    private Ids() {
    }

    public static String next() {
        return next(System.currentTimeMillis(), ThreadLocalRandom.current().nextLong(), ThreadLocalRandom.current().nextLong())
                .toString();
    }

    static UUID next(long unixMillis, long randomA, long randomB) {
        long high = (unixMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | randomA & 0x0FFFL;
        long low = randomB & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
