package dev.codeai.integrations.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an HTTP/1.1 answer from a receiver: informational (1xx) answers skipped, the status line and header fields
 * (at most {@value #MAX_HEAD} bytes), then at most {@code limit} bytes of the body, framed by {@code Content-Length},
 * by chunks, or by the end of the stream. The connection may carry another request only when the whole body was read
 * and neither side asked to close; a malformed answer is an {@link IOException} saying what was wrong.
 */
final class HttpAnswer {

    static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_LINE = 8 * 1024;

    /** The answer: its status, header fields (lower-case names, first value), body start, and whether to keep the connection. */
    record Read(int status, Map<String, String> headers, byte[] body, boolean reusable) {
    }

    /** The stream ended or failed before the first byte of an answer. */
    static final class NoAnswer extends IOException {
        NoAnswer(IOException cause) {
            super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }
    }

    private HttpAnswer() {
    }

    static Read read(InputStream in, int limit) throws IOException {
        int first;
        try {
            first = in.read();
        } catch (IOException e) {
            throw new NoAnswer(e);
        }
        if (first < 0) {
            throw new NoAnswer(new IOException("the receiver closed the connection without answering"));
        }
        int[] budget = {MAX_HEAD - 1};
        String statusLine = (char) first + line(in, budget);
        int status = status(statusLine);
        Map<String, String> headers = fields(in, budget);
        while (status >= 100 && status < 200) {
            statusLine = line(in, budget);
            status = status(statusLine);
            headers = fields(in, budget);
        }
        boolean close = statusLine.startsWith("HTTP/1.0") || headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT)
                .contains("close");
        if (status == 204 || status == 304) {
            return new Read(status, headers, new byte[0], !close);
        }
        String encoding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
        if (encoding.endsWith("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(limit, 1024));
            boolean whole = chunks(in, limit, body, budget);
            return new Read(status, headers, body.toByteArray(), whole && !close);
        }
        String length = headers.get("content-length");
        if (length != null && encoding.isEmpty()) {
            long declared = contentLength(length);
            byte[] body = exactly(in, (int) Math.min(declared, limit));
            return new Read(status, headers, body, declared <= limit && !close);
        }
        return new Read(status, headers, exactly(in, limit, true), false);
    }

    private static int status(String line) throws IOException {
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' '
                || !Character.isDigit(line.charAt(9)) || !Character.isDigit(line.charAt(10))
                || !Character.isDigit(line.charAt(11)) || line.length() > 12 && line.charAt(12) != ' ') {
            throw new IOException("not an HTTP/1.x status line: " + printable(line));
        }
        return Integer.parseInt(line.substring(9, 12));
    }

    private static Map<String, String> fields(InputStream in, int[] budget) throws IOException {
        Map<String, String> fields = new HashMap<>();
        for (String line = line(in, budget); !line.isEmpty(); line = line(in, budget)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header field: " + printable(line));
            }
            fields.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return fields;
    }

    /** Reads chunks, keeping at most {@code limit} bytes; true when the last chunk and the trailer were read. */
    private static boolean chunks(InputStream in, int limit, ByteArrayOutputStream body, int[] budget) throws IOException {
        while (true) {
            String size = line(in, budget);
            int extension = size.indexOf(';');
            long length;
            try {
                length = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size: " + printable(size));
            }
            if (length < 0) {
                throw new IOException("malformed chunk size: " + printable(size));
            }
            if (length == 0) {
                fields(in, budget);
                return true;
            }
            if (body.size() + length > limit) {
                body.write(exactly(in, limit - body.size()));
                return false;
            }
            body.write(exactly(in, (int) length));
            if (!line(in, budget).isEmpty()) {
                throw new IOException("chunk longer than its size " + length);
            }
        }
    }

    private static long contentLength(String value) throws IOException {
        try {
            long length = Long.parseLong(value);
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException("malformed Content-Length: " + printable(value));
    }

    private static byte[] exactly(InputStream in, int length) throws IOException {
        return exactly(in, length, false);
    }

    /** {@code length} bytes; with {@code toEnd}, up to that many, fewer if the stream ends. */
    private static byte[] exactly(InputStream in, int length, boolean toEnd) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length && !toEnd) {
            throw new IOException("the answer ended after " + bytes.length + " of " + length + " body bytes");
        }
        return bytes;
    }

    /** A line without its CRLF (a bare LF is accepted), Latin-1; counts against the head's budget. */
    private static String line(InputStream in, int[] budget) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the answer ended in its head");
            }
            if (--budget[0] < 0 || line.length() >= MAX_LINE) {
                throw new IOException("the answer's head is longer than " + MAX_HEAD + " bytes or has a line longer than "
                        + MAX_LINE);
            }
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
    }

    private static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return shown.chars().mapToObj(c -> c < 0x20 || c > 0x7e ? "?" : Character.toString(c))
                .reduce("", String::concat);
    }
}
