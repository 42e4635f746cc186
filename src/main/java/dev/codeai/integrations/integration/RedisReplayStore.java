package dev.codeai.integrations.integration;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Idempotent requests in Redis, one value per id under {@code <cache.prefix>idem:}: a claim is {@code SET NX}
 * with the lease as expiry; completing and releasing are scripts that act only while the value is still the
 * owner's own claim, so an owner whose lease lapsed cannot overwrite a newer request. Every step is empty or a
 * no-op while Redis is unreachable (see {@link RedisOutage}); the caller then falls back to the database.
 */
final class RedisReplayStore implements ReplayStore {

    private static final int FORMAT = 1;
    private static final byte RUNNING = 1;
    private static final byte FINISHED = 2;
    private static final byte[] COMPLETE = ("if redis.call('GET', KEYS[1]) == ARGV[1] then "
            + "return redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end return false").getBytes(StandardCharsets.UTF_8);
    private static final byte[] RELEASE = ("if redis.call('GET', KEYS[1]) == ARGV[1] then "
            + "return redis.call('DEL', KEYS[1]) end return 0").getBytes(StandardCharsets.UTF_8);

    private final UnifiedJedis redis;
    private final String prefix;
    private final RedisOutage outage = new RedisOutage(
            "idempotent requests are kept in the database", "idempotent requests are kept in Redis again");

    RedisReplayStore(UnifiedJedis redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix + "idem:";
    }

    @Override
    public Optional<Claim> claim(Ticket ticket, Duration lease, Instant now) {
        byte[] key = key(ticket.id());
        byte[] running = running(ticket);
        return outage.attempt(() -> {
            // A value that expires between SET NX and GET leaves the id free: claim again.
            for (int round = 0; round < 3; round++) {
                if ("OK".equals(redis.set(key, running, SetParams.setParams().nx().px(lease.toMillis())))) {
                    return new Claimed();
                }
                byte[] held = redis.get(key);
                if (held != null) {
                    return decode(held);
                }
            }
            throw new IllegalStateException("idempotency key " + ticket.id() + " keeps changing hands");
        });
    }

    @Override
    public void complete(Ticket ticket, ReplayAnswer answer, Duration retention, Instant now) {
        byte[] finished = encode(FINISHED, ticket.fingerprint(), ticket.owner(), answer.encode());
        byte[] millis = Long.toString(Math.max(1, retention.toMillis())).getBytes(StandardCharsets.UTF_8);
        outage.attempt(() -> redis.eval(COMPLETE, List.of(key(ticket.id())), List.of(running(ticket), finished, millis)));
    }

    @Override
    public void release(Ticket ticket) {
        outage.attempt(() -> redis.eval(RELEASE, List.of(key(ticket.id())), List.of(running(ticket))));
    }

    /** The claim's value: the scripts compare whole values, so only the owner's own claim is replaced. */
    private static byte[] running(Ticket ticket) {
        return encode(RUNNING, ticket.fingerprint(), ticket.owner(), new byte[0]);
    }

    private byte[] key(String id) {
        return (prefix + id).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encode(byte state, String fingerprint, String owner, byte[] answer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(answer.length + 128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeByte(state);
            out.writeUTF(fingerprint);
            out.writeUTF(owner);
            out.write(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Claim decode(byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            if (in.readByte() != FORMAT) {
                throw new IllegalStateException("unknown idempotent-request format");
            }
            byte state = in.readByte();
            String fingerprint = in.readUTF();
            in.readUTF();
            return state == RUNNING ? new Running(fingerprint) : new Finished(fingerprint, ReplayAnswer.decode(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
