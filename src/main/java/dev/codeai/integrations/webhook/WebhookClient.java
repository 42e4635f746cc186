package dev.codeai.integrations.webhook;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The HTTP/1.1 client of delivery attempts: a POST over a kept-alive connection to one of the very addresses the SSRF
 * guard checked, so DNS is never asked again between the check and the connect (the URL's host is still sent in
 * {@code Host} and, over https, used for SNI and the certificate check). No redirects are followed and no proxy is
 * used. At most {@code limit} bytes of the answer's body are read; a connection goes back to the pool only after a
 * complete answer that allows it, and an idle one is reused for {@link #IDLE} at most. The whole exchange is bounded
 * by the timeout: when it passes, the socket is closed under the blocked read or write. Blocking, one thread per
 * attempt, which costs a fraction of the JDK client's asynchronous machinery per request. Thread-safe.
 */
final class WebhookClient {

    /** How long an idle connection is kept: less than common servers' keep-alive (Node's 5 s), so rarely stale. */
    static final Duration IDLE = Duration.ofSeconds(4);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_IDLE_PER_TARGET = 32;

    /** A receiver's answer: its status, its header fields (lower-case names, first value) and the start of its body. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    /** The exchange ran out of its time; the socket was closed. */
    static final class Timeout extends SocketTimeoutException {
        Timeout(Duration timeout) {
            super("timed out after " + timeout.toMillis() + " ms");
        }
    }

    private record Target(String scheme, String host, int port, InetAddress address) {
    }

    private static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        long idleSince;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
            this.out = socket.getOutputStream();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing for good: nothing to do
            }
        }
    }

    private final Supplier<SSLSocketFactory> tls;
    private final ScheduledExecutorService timer;
    private final int limit;
    private final Map<Target, ConcurrentLinkedDeque<Connection>> idle = new ConcurrentHashMap<>();

    /** {@code timer} closes sockets whose exchange ran out of time; {@code limit} bytes of each body are kept. */
    WebhookClient(Supplier<SSLSocketFactory> tls, ScheduledExecutorService timer, int limit) {
        this.tls = tls;
        this.timer = timer;
        this.limit = limit;
    }

    /**
     * POSTs {@code body} with {@code headers} (checked by {@link HttpHead}) to {@code url} at the first of
     * {@code addresses} that accepts a connection, within {@code timeout}. A kept-alive connection the receiver had
     * closed meanwhile fails before any answer; the request then goes once more on a new connection.
     */
    Answer post(URI url, List<InetAddress> addresses, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] head = HttpHead.request(url, headers, body.length);
        for (InetAddress address : addresses) {
            Target target = new Target(url.getScheme(), url.getHost(), portOf(url), address);
            Connection reused = take(target);
            if (reused != null) {
                try {
                    return exchange(target, reused, head, body, deadline, timeout);
                } catch (Stale stale) {
                    // The receiver closed it while idle; a new connection follows.
                }
            }
            Connection fresh;
            try {
                fresh = connect(target, deadline, timeout);
            } catch (IOException e) {
                if (address == addresses.get(addresses.size() - 1)) {
                    throw e;
                }
                continue;
            }
            try {
                return exchange(target, fresh, head, body, deadline, timeout);
            } catch (Stale stale) {
                throw (IOException) stale.getCause();
            }
        }
        throw new IOException("no address to connect to");
    }

    /** The JVM's default TLS (its trust store), as the JDK's HTTP client uses. */
    static SSLSocketFactory systemTls() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    /** Closes connections idle longer than {@link #IDLE}; call now and then (the dispatcher's timer does). */
    void closeIdle() {
        long now = System.nanoTime();
        idle.values().forEach(pool -> pool.removeIf(connection -> {
            boolean expired = now - connection.idleSince > IDLE.toNanos();
            if (expired) {
                connection.close();
            }
            return expired;
        }));
        idle.values().removeIf(ConcurrentLinkedDeque::isEmpty);
    }

    /** Closes every idle connection (stopping). */
    void close() {
        idle.values().forEach(pool -> pool.forEach(Connection::close));
        idle.clear();
    }

    /** Failure on a connection before any byte of an answer; the request may go again on a fresh one. */
    private static final class Stale extends IOException {
        Stale(IOException cause) {
            super(cause);
        }
    }

    private Answer exchange(Target target, Connection connection, byte[] head, byte[] body, long deadline,
                            Duration timeout) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            connection.close();
            throw new Timeout(timeout);
        }
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = timer.schedule(() -> {
            expired.set(true);
            connection.close();
        }, left, TimeUnit.NANOSECONDS);
        boolean keep = false;
        try {
            connection.socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            try {
                write(connection.out, head, body);
            } catch (IOException e) {
                throw new HttpAnswer.NoAnswer(e);
            }
            HttpAnswer.Read read = HttpAnswer.read(connection.in, limit);
            keep = read.reusable();
            return new Answer(read.status(), read.headers(), new String(read.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (expired.get() || e instanceof SocketTimeoutException || e.getCause() instanceof SocketTimeoutException) {
                throw new Timeout(timeout);
            }
            throw e instanceof HttpAnswer.NoAnswer ? new Stale(e) : e;
        } finally {
            watchdog.cancel(false);
            if (keep && !expired.get()) {
                release(target, connection);
            } else {
                connection.close();
            }
        }
    }

    private static void write(OutputStream out, byte[] head, byte[] body) throws IOException {
        if (body.length <= 16 * 1024) {
            byte[] request = new byte[head.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            out.write(request);
        } else {
            out.write(head);
            out.write(body);
        }
        out.flush();
    }

    private Connection connect(Target target, long deadline, Duration timeout) throws IOException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new Timeout(timeout);
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(target.address(), target.port()),
                    (int) Math.min(left, CONNECT_TIMEOUT.toMillis()));
            if ("https".equalsIgnoreCase(target.scheme())) {
                socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                socket = secure(socket, target);
            }
            return new Connection(socket);
        } catch (SocketTimeoutException e) {
            socket.close();
            throw System.nanoTime() >= deadline ? new Timeout(timeout) : e;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** TLS over the connected socket, with SNI and the certificate checked against the URL's host. */
    private Socket secure(Socket socket, Target target) throws IOException {
        String host = target.host().startsWith("[") ? target.host().substring(1, target.host().length() - 1)
                : target.host();
        SSLSocket ssl = (SSLSocket) tls.get().createSocket(socket, host, target.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (AddressLiterals.parse(host).isEmpty() && !target.host().startsWith("[")) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    private Connection take(Target target) {
        ConcurrentLinkedDeque<Connection> pool = idle.get(target);
        if (pool == null) {
            return null;
        }
        long now = System.nanoTime();
        for (Connection connection = pool.pollLast(); connection != null; connection = pool.pollLast()) {
            if (now - connection.idleSince <= IDLE.toNanos() && !connection.socket.isClosed()) {
                return connection;
            }
            connection.close();
        }
        return null;
    }

    private void release(Target target, Connection connection) {
        connection.idleSince = System.nanoTime();
        ConcurrentLinkedDeque<Connection> pool = idle.computeIfAbsent(target, t -> new ConcurrentLinkedDeque<>());
        if (pool.size() >= MAX_IDLE_PER_TARGET) {
            connection.close();
        } else {
            pool.addLast(connection);
        }
    }

    private static int portOf(URI url) {
        return url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }
}
