package dev.codeai.integrations.webhook;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** The syntax rules for a webhook endpoint URL, checked without DNS; messages complete the sentence "url ...". */
final class UrlSyntax {

    private UrlSyntax() {
    }

    static Optional<String> problem(URI uri) {
        if (!uri.isAbsolute() || uri.isOpaque()) {
            return Optional.of("must be an absolute http or https URL such as https://hooks.example.com/events");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must use http or https, not " + uri.getScheme());
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            return Optional.of("must name a host");
        }
        if (authority.contains("@")) {
            return Optional.of("must not contain credentials (user info before '@'); use the webhook secret instead");
        }
        if (uri.getHost() == null) {
            return Optional.of(hostProblem(authority.replaceFirst(":[0-9]*$", "")));
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.contains("%")) {
            return Optional.of("must not name an IPv6 zone: " + host);
        }
        if (!host.startsWith("[") && AddressLiterals.endsInNumber(host) && AddressLiterals.ipv4(host).isEmpty()) {
            return Optional.of(hostProblem(host));
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return Optional.of("port must be between 1 and 65535, not " + uri.getPort());
        }
        return Optional.empty();
    }

    /** For a host {@code java.net.URI} did not accept, or an IPv4 address not in dotted-decimal form. */
    private static String hostProblem(String host) {
        if (host.isEmpty()) {
            return "must name a host";
        }
        if (host.contains("%")) {
            return "must not percent-encode the host: " + host;
        }
        if (!AddressLiterals.endsInNumber(host)) {
            return "has an invalid host name: " + host;
        }
        return AddressLiterals.legacyIpv4(host)
                .map(meaning -> "host " + host + " is a non-standard spelling of "
                        + BlockedRanges.blocking(meaning).map(BlockedRanges.Blocking::describe)
                                .orElse(AddressLiterals.format(meaning))
                        + "; write IPv4 addresses as four decimal numbers")
                .orElse("host " + host + " is neither a host name nor an IPv4 address");
    }
}
