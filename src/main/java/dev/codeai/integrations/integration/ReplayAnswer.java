package dev.codeai.integrations.integration;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer of the invoke endpoint as its caller received it (status, the headers of the call, body), kept so
 * that a repeated request with the same {@code Idempotency-Key} gets it again. Encoded compactly for Redis and
 * the database.
 */
public record ReplayAnswer(int status, Map<String, String> headers, byte[] body) {

    private static final int FORMAT = 1;

    public ReplayAnswer {
        headers = Map.copyOf(headers);
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeShort(status);
            out.writeShort(headers.size());
            for (Map.Entry<String, String> header : headers.entrySet()) {
                out.writeUTF(header.getKey());
                out.writeUTF(header.getValue());
            }
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static ReplayAnswer decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            if (in.readByte() != FORMAT) {
                throw new IllegalStateException("unknown idempotent-replay format");
            }
            int status = in.readShort();
            int count = in.readShort();
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                headers.put(in.readUTF(), in.readUTF());
            }
            return new ReplayAnswer(status, headers, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
