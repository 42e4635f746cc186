package dev.codeai.integrations.platform;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * A network failure in words, for what the API returns (a webhook attempt's {@code error}, an integration's
 * {@code last_error}): what went wrong and the JDK's detail, never a class name (no answer of the API carries one;
 * the server log has them). Unwraps {@link CompletionException}s, {@link ExecutionException}s and
 * wrapper types the caller names.
 */
public final class NetworkErrors {

    /** A qualified Java class name in a JDK message, e.g. {@code sun.security.provider.certpath.SunCertPathBuilderException: }. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?::\\s*)?");

    private NetworkErrors() {
    }

    public static String describe(Throwable failure) {
        return describe(failure, Set.of());
    }

    /** Like {@link #describe(Throwable)}, looking through {@code unwrapping} too, the caller's own wrapper types. */
    public static String describe(Throwable failure, Set<Class<? extends Throwable>> unwrapping) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || unwrapping.contains(cause.getClass())) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (!(cause instanceof IOException)) {
            return "an internal error (see the server log)";
        }
        String what = cause instanceof ConnectException ? "cannot connect"
                : cause instanceof NoRouteToHostException ? "no route to the host"
                : cause instanceof UnknownHostException ? "unknown host"
                : cause instanceof SSLHandshakeException ? "TLS handshake failed"
                : cause instanceof SSLException ? "TLS error"
                : cause instanceof SocketTimeoutException ? "timed out"
                : cause instanceof SocketException ? "connection failed"
                : "no valid HTTP answer";
        String detail = cause.getMessage() == null ? "" : CLASS_NAME.matcher(cause.getMessage()).replaceAll("").strip();
        return detail.isEmpty() ? what : what + ": " + detail;
    }
}
