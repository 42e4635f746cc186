package dev.codeai.integrations.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When the console's one-click sign-in may mint a token from the local key: only when it is switched on
 * ({@code codeai.console.local-sign-in}, which {@code ./codeai run} sets), the server verifies tokens with the local
 * key file (no external identity provider) and its private key is there, and the request comes from this machine:
 * a loopback peer, a loopback {@code Host} (so a DNS-rebinding page cannot use it) and no proxy's forwarding headers.
 * A pure function of its inputs.
 */
public record LocalSignIn(boolean enabled, Optional<String> inlinePublicKey, Optional<String> publicKeyLocation) {

    private static final String[] FORWARDING = {"Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP"};

    /** The local key pair, when the server verifies tokens with it and its private key exists. */
    public Optional<SigningKeys> keys() {
        if (inlinePublicKey.filter(k -> !k.isBlank()).isPresent()) {
            return Optional.empty();
        }
        return publicKeyLocation.flatMap(LocalSigningKey::localFile).map(SigningKeys::new)
                .filter(k -> Files.isReadable(k.privateKeyFile()));
    }

    /**
     * Why the sign-in is unavailable to a request from {@code peerAddress} (an address literal) with this {@code Host}
     * and these headers (by lower-case name), or empty when it is available.
     */
    public Optional<String> refusal(String peerAddress, String hostHeader, Map<String, String> headers) {
        if (!enabled) {
            return Optional.of("Local sign-in is switched off (codeai.console.local-sign-in); paste a token instead.");
        }
        if (keys().isEmpty()) {
            return Optional.of("Local sign-in is not available: tokens are verified by an external identity provider.");
        }
        boolean forwarded = Arrays.stream(FORWARDING).anyMatch(h -> headers.containsKey(h.toLowerCase(Locale.ROOT)));
        if (!loopbackAddress(peerAddress) || !loopbackHost(hostHeader) || forwarded) {
            return Optional.of("Local sign-in is only available from the machine the server runs on (localhost).");
        }
        return Optional.empty();
    }

    static boolean loopbackAddress(String address) {
        if (address == null || !address.matches("[0-9a-fA-F:.%\\[\\]]+")) {
            return false; // a literal only: never resolve a name here
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code localhost}, {@code 127.x.x.x} or {@code [::1]}, with or without a port. */
    static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT).trim();
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            return end > 0 && name.substring(1, end).equals("::1") && name.substring(end + 1).matches("(:\\d+)?");
        }
        String bare = name.replaceFirst(":\\d+$", "");
        return bare.equals("localhost") || bare.matches("127(\\.\\d{1,3}){3}");
    }
}
