package dev.codeai.integrations.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * An attempt's failure in words, for the {@code error} of its delivery and attempt rows, which the API returns: what
 * went wrong and the JDK's detail, never a class name (no answer of the API carries one; the server log has them).
 */
final class AttemptErrors {

    /** A qualified Java class name in a JDK message, e.g. {@code sun.security.provider.certpath.SunCertPathBuilderException: }. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?::\\s*)?");

    private AttemptErrors() {
    }

    static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof HttpAnswer.NoAnswer || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (!(cause instanceof IOException)) {
            return "internal error of the webhook engine (see the server log)";
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
