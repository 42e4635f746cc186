package dev.codeai.integrations.integration;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The raw body of a {@code body_type: binary} call (DSL.md §5.5), spooled to a temporary file so that every
 * attempt can send it again without holding it in memory. Deleted by {@link #close()} once the call ends.
 */
public final class Payload implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final Path file;
    private final long size;

    private Payload(Path file, long size) {
        this.file = file;
        this.size = size;
    }

    /** Copies {@code body} to a new temporary file; 413 once it passes {@code limit} bytes (nothing is kept). */
    public static Payload spool(InputStream body, long limit) {
        Path file = null;
        try {
            file = Files.createTempFile("codeai-upload-", ".bin");
            long size = 0;
            byte[] buffer = new byte[BUFFER];
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                    size += n;
                    if (size > limit) {
                        throw new IntegrationProblems.UploadTooLarge(limit);
                    }
                    out.write(buffer, 0, n);
                }
            }
            return new Payload(file, size);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot store the request body: " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    public Path file() {
        return file;
    }

    public long size() {
        return size;
    }

    @Override
    public void close() {
        deleteQuietly(file);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the platform cleans its temporary directory
            }
        }
    }

    @Override
    public String toString() {
        return "Payload[" + size + " bytes]";
    }
}
