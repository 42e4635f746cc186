package dev.codeai.integrations.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 in front of one server that tests can take down and bring back, so the IT server sees
 * that server stop and start without anyone touching it (the machine's Redis, shared by other tests). Control, on
 * its own port: {@code POST /down} closes the listener and resets every open connection, so clients get
 * "connection refused" and "connection reset" exactly as from a stopped server; {@code POST /up} listens again;
 * {@code GET /} answers {@code up} or {@code down}. Only JDK classes; runs in its own JVM ({@link ItRedisProxy}).
 * Thread-safe.
 */
public final class TcpFaultProxy {

    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    private final int port;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;

    private TcpFaultProxy(int port, InetSocketAddress target) {
        this.port = port;
        this.target = target;
    }

    /** Arguments: the port to listen on, the control port, the target as host:port. */
    public static void main(String[] args) throws IOException {
        String[] target = args[2].split(":", 2);
        TcpFaultProxy proxy = new TcpFaultProxy(Integer.parseInt(args[0]),
                new InetSocketAddress(target[0], Integer.parseInt(target[1])));
        proxy.up();
        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(args[1])), 0);
        control.createContext("/", proxy::control);
        control.start();
        System.out.println("forwarding 127.0.0.1:" + args[0] + " to " + args[2] + "; control on port " + args[1]);
    }

    private void control(HttpExchange exchange) throws IOException {
        String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        int status = 204;
        String body = "";
        switch (route) {
            case "POST /down" -> down();
            case "POST /up" -> up();
            case "GET /" -> {
                status = 200;
                body = state();
            }
            default -> status = 404;
        }
        System.out.println(route + " -> " + status);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private synchronized String state() {
        return listener == null ? "down" : "up";
    }

    private synchronized void up() throws IOException {
        if (listener != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listener = socket;
        daemon(() -> accept(socket), "accept");
    }

    private synchronized void down() throws IOException {
        if (listener == null) {
            return;
        }
        listener.close();
        listener = null;
        for (Socket socket : open) {
            reset(socket);
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                connect(socket.accept());
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    System.out.println("accept failed: " + e);
                }
            }
        }
    }

    private void connect(Socket client) {
        Socket server = new Socket();
        try {
            server.connect(target, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            System.out.println("cannot reach " + target + ": " + e);
            reset(client);
            reset(server);
            return;
        }
        open.add(client);
        open.add(server);
        synchronized (this) {
            if (listener == null) { // went down while this one connected
                reset(client);
                reset(server);
                return;
            }
        }
        daemon(() -> pump(client, server), "to-server");
        daemon(() -> pump(server, client), "to-client");
    }

    /** Copies one direction until either side ends; then both are closed, the other direction's thread ends too. */
    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[16 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // closed by the other direction or by down()
        } finally {
            close(from);
            close(to);
        }
    }

    /** Closes at once with an RST, so the peer's next read or write on it fails as on a server that went away. */
    private void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed
        }
        close(socket);
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
