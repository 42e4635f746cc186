package dev.codeai.integrations.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address block such as {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address is a block of one.
 * The network address has no bits set beyond the prefix, so {@code 10.0.0.5/8} is refused rather than guessed at.
 */
public record Cidr(InetAddress network, int prefixLength) {

    public Cidr {
        Objects.requireNonNull(network, "network");
        int bits = bits(network);
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length of " + AddressLiterals.format(network)
                    + " must be between 0 and " + bits + ", not " + prefixLength);
        }
        if (!Arrays.equals(network.getAddress(), masked(network.getAddress(), prefixLength))) {
            throw new IllegalArgumentException(AddressLiterals.format(network) + "/" + prefixLength
                    + " has bits set beyond the prefix; the block is "
                    + AddressLiterals.format(AddressLiterals.byAddress(masked(network.getAddress(), prefixLength)))
                    + "/" + prefixLength);
        }
    }

    /** Parses {@code a.b.c.d/n}, {@code x::/n} or a bare address, without DNS; strict dotted-decimal IPv4 only. */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress address = AddressLiterals.parse(addressText)
                .orElseThrow(() -> invalid(text, "'" + addressText + "' is not an IPv4 or IPv6 address"));
        if (address instanceof Inet4Address && addressText.indexOf(':') >= 0) {
            throw invalid(text, "IPv4-mapped addresses are matched as IPv4; write the block in IPv4 form");
        }
        if (slash < 0) {
            return new Cidr(address, bits(address));
        }
        String prefixText = trimmed.substring(slash + 1);
        int bits = bits(address);
        if (prefixText.isEmpty() || prefixText.length() > 3 || !prefixText.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(prefixText) > bits) {
            throw invalid(text, "prefix length must be a number between 0 and " + bits + ", not '" + prefixText + "'");
        }
        try {
            return new Cidr(address, Integer.parseInt(prefixText));
        } catch (IllegalArgumentException e) {
            throw invalid(text, e.getMessage());
        }
    }

    /** Parses a comma-separated list, skipping empty entries; blank or null text is the empty list. */
    public static List<Cidr> parseList(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).filter(s -> !s.isBlank()).map(Cidr::parse).toList();
    }

    /** Whether the address lies in this block; an address of the other IP version never does. */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.getAddress().length
                && Arrays.equals(masked(bytes, prefixLength), network.getAddress());
    }

    @Override
    public String toString() {
        return AddressLiterals.format(network) + "/" + prefixLength;
    }

    private static int bits(InetAddress address) {
        return address.getAddress().length * 8;
    }

    private static byte[] masked(byte[] address, int prefixLength) {
        byte[] result = address.clone();
        for (int i = 0; i < result.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - 8 * i));
            result[i] &= (byte) (0xff00 >> keep);
        }
        return result;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid CIDR '" + text + "': " + why);
    }
}
