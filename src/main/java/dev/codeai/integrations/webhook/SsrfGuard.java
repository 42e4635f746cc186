package dev.codeai.integrations.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps webhook deliveries away from the gateway's own network: an endpoint URL must be http(s) and every
 * address its host resolves to must be public, unless the allowlist of CIDRs admits it (MicroProfile Config
 * {@value #CONFIG_KEY}, environment {@code CODEAI_WEBHOOKS_ALLOWED_CIDRS}; tests and local runs admit
 * {@code 127.0.0.0/8}). Non-standard IPv4 spellings such as {@code 2130706433} are refused whatever the allowlist.
 * Call {@link #urlProblem} and {@link #check} when an endpoint is created, and {@link #check} again before
 * every delivery attempt, since DNS answers change. Immutable and thread-safe if the resolver is.
 *
 * <p><b>DNS rebinding.</b> {@link #check} resolves the host; a client that resolved it again to connect would let a
 * hostile name server answer a public address to the check and {@code 127.0.0.1} to the connection. Delivery attempts
 * therefore connect to one of {@link Verdict.Allowed#addresses()} ({@code WebhookClient}), with the original host name
 * for the {@code Host} header, TLS SNI and the certificate check. Deliveries must not follow redirects: a
 * {@code Location} is a new URL that would need its own check. An outbound proxy resolves on its own and needs its own
 * egress rules.
 */
public final class SsrfGuard {

    public static final String CONFIG_KEY = "codeai.webhooks.allowed-cidrs";
    public static final int MAX_URL_LENGTH = 2048;

    /** Host name to addresses; the seam tests replace to give DNS answers without a network. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;

        static Resolver system() {
            return host -> List.of(InetAddress.getAllByName(host));
        }
    }

    /** The outcome of {@link #check}: the addresses a delivery may use, or why it must not be attempted. */
    public sealed interface Verdict {
        URI url();

        record Allowed(URI url, List<InetAddress> addresses) implements Verdict {
            public Allowed {
                addresses = List.copyOf(addresses);
            }
        }

        record Refused(URI url, String reason) implements Verdict {
        }

        default boolean allowed() {
            return this instanceof Allowed;
        }

        default Optional<String> refusal() {
            return this instanceof Refused refused ? Optional.of(refused.reason()) : Optional.empty();
        }
    }

    private final List<Cidr> allowlist;
    private final Resolver resolver;

    public SsrfGuard(List<Cidr> allowlist, Resolver resolver) {
        this.allowlist = List.copyOf(allowlist);
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** A guard with the system resolver and the allowlist from the {@value #CONFIG_KEY} value; blank admits nothing. */
    public static SsrfGuard of(String commaSeparatedCidrs) {
        return of(commaSeparatedCidrs, Resolver.system());
    }

    public static SsrfGuard of(String commaSeparatedCidrs, Resolver resolver) {
        try {
            return new SsrfGuard(Cidr.parseList(commaSeparatedCidrs), resolver);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CONFIG_KEY + ": " + e.getMessage(), e);
        }
    }

    public List<Cidr> allowlist() {
        return allowlist;
    }

    /** What is wrong with the URL's syntax, as the message of a 400 error on field {@code url}; no DNS. */
    public Optional<String> urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("must be at most " + MAX_URL_LENGTH + " characters long, not " + url.length());
        }
        try {
            return UrlSyntax.problem(new URI(url));
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL: " + e.getReason() + " at index " + e.getIndex());
        }
    }

    /** Why the URL is refused ({@link #check}), or empty when it may be used. */
    public Optional<String> refusal(URI url) {
        return check(url) instanceof Verdict.Refused refused ? Optional.of(refused.reason()) : Optional.empty();
    }

    /** Resolves the URL's host and refuses it if any address is blocked and not admitted by the allowlist. */
    public Verdict check(URI url) {
        Optional<String> problem = urlProblem(url.toString());
        if (problem.isPresent()) {
            return new Verdict.Refused(url, "url " + problem.get());
        }
        String host = url.getHost();
        List<InetAddress> addresses;
        try {
            addresses = resolve(host);
        } catch (UnknownHostException e) {
            return new Verdict.Refused(url, host + " does not resolve");
        }
        if (addresses.isEmpty()) {
            return new Verdict.Refused(url, host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<BlockedRanges.Blocking> blocking = BlockedRanges.blocking(address);
            if (blocking.isPresent() && !admitted(blocking.get())) {
                return new Verdict.Refused(url, host + " resolves to " + blocking.get().describe());
            }
        }
        return new Verdict.Allowed(url, addresses);
    }

    private List<InetAddress> resolve(String host) throws UnknownHostException {
        if (host.startsWith("[")) {
            String literal = host.substring(1, host.length() - 1);
            return List.of(AddressLiterals.ipv6(literal).orElseThrow(() -> new UnknownHostException(literal)));
        }
        Optional<InetAddress> literal = AddressLiterals.parse(host);
        return literal.isPresent() ? List.of(literal.get()) : resolver.resolve(host);
    }

    private boolean admitted(BlockedRanges.Blocking blocking) {
        return allowlist.stream().anyMatch(cidr -> cidr.contains(blocking.address())
                || blocking.embedded().map(cidr::contains).orElse(false));
    }
}
