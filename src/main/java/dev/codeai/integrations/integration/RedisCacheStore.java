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
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The store in Redis, shared by every server instance: one binary value per key, with Redis's own expiry
 * at the end of the entry's maximum staleness. Redis being unreachable never fails a call: a lookup is then
 * a miss and a store is skipped, with one warning per outage; the pooled client reconnects by itself.
 */
final class RedisCacheStore implements CacheStore {

    private static final int FORMAT = 1;

    private final UnifiedJedis redis;
    private final RedisOutage outage = new RedisOutage("calls go to their upstreams without the response cache",
            "the response cache is back in use");

    RedisCacheStore(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    public Optional<ResponseCache.Entry> get(String key) {
        return outage.attempt(() -> redis.get(key.getBytes(StandardCharsets.UTF_8))).map(RedisCacheStore::decode);
    }

    @Override
    public void put(String key, ResponseCache.Entry entry, Duration keep) {
        outage.attempt(() -> redis.set(key.getBytes(StandardCharsets.UTF_8), encode(entry),
                SetParams.setParams().px(Math.max(1, keep.toMillis()))));
    }

    @Override
    public int purge(String keyPrefix) {
        ScanParams match = new ScanParams().match(glob(keyPrefix) + "*").count(500);
        int purged = 0;
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, match);
            List<String> keys = page.getResult();
            if (!keys.isEmpty()) {
                purged += (int) redis.del(keys.toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return purged;
    }

    /** A key prefix as a SCAN pattern: the glob characters escaped. */
    private static String glob(String literal) {
        return literal.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    static byte[] encode(ResponseCache.Entry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(entry.body().length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeShort(entry.status());
            out.writeUTF(entry.contentType());
            out.writeLong(entry.freshUntil().toEpochMilli());
            out.writeLong(entry.keptUntil().toEpochMilli());
            out.write(entry.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static ResponseCache.Entry decode(byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            if (in.readByte() != FORMAT) {
                throw new IllegalStateException("unknown response-cache entry format");
            }
            int status = in.readShort();
            String contentType = in.readUTF();
            Instant freshUntil = Instant.ofEpochMilli(in.readLong());
            Instant keptUntil = Instant.ofEpochMilli(in.readLong());
            return new ResponseCache.Entry(status, contentType, in.readAllBytes(), freshUntil, keptUntil);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
