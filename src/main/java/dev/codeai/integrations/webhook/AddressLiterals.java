package dev.codeai.integrations.webhook;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * IP address text without DNS: the strict literal forms the guard accepts (dotted-decimal IPv4, IPv6), the
 * legacy IPv4 spellings it refuses ({@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1}), and RFC 5952 output.
 *
 * <p>Legacy spellings are refused rather than interpreted because parsers disagree on them: the WHATWG URL
 * parser, curl and {@code inet_aton} read {@code 0177.0.0.1} as octal 127.0.0.1, {@code InetAddress} reads it
 * as 177.0.0.1, and {@code java.net.URI} does not see a host in {@code 0x7f.1} at all.
 */
final class AddressLiterals {

    private AddressLiterals() {
    }

    /** A strict IPv4 (four decimal numbers, no leading zeros) or IPv6 literal, without brackets or zone. */
    static Optional<InetAddress> parse(String text) {
        return text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text).map(InetAddress.class::cast);
    }

    static Optional<Inet4Address> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            boolean decimal = !part.isEmpty() && part.length() <= 3 && part.chars().allMatch(AddressLiterals::isDigit)
                    && (part.length() == 1 || part.charAt(0) != '0');
            if (!decimal || Integer.parseInt(part) > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) Integer.parseInt(part);
        }
        return Optional.of((Inet4Address) byAddress(bytes));
    }

    /** IPv6 text; IPv4-mapped forms come back as {@link Inet4Address}, as {@code InetAddress} returns them. */
    static Optional<InetAddress> ipv6(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c == ':' || c == '.' || c < 128 && Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        try {
            // Brackets make InetAddress insist on an IPv6 literal, so it never falls back to DNS.
            return Optional.of(InetAddress.getByName("[" + text + "]"));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Whether a host would be read as an IPv4 address by the WHATWG URL parser (its last label is a number). */
    static boolean endsInNumber(String host) {
        List<String> labels = labels(host);
        String last = labels.get(labels.size() - 1);
        return number(last).isPresent();
    }

    /** What a browser or curl connects to for a legacy IPv4 spelling (WHATWG "IPv4 parser"), if it is one. */
    static Optional<Inet4Address> legacyIpv4(String host) {
        List<String> labels = labels(host);
        if (labels.size() > 4) {
            return Optional.empty();
        }
        long value = 0;
        for (int i = 0; i < labels.size(); i++) {
            Optional<BigInteger> number = number(labels.get(i));
            boolean last = i == labels.size() - 1;
            BigInteger limit = BigInteger.valueOf(last ? 1L << (8 * (5 - labels.size())) : 256);
            if (number.isEmpty() || number.get().compareTo(limit) >= 0) {
                return Optional.empty();
            }
            value += last ? number.get().longValue() : number.get().longValue() << (8 * (3 - i));
        }
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        return Optional.of((Inet4Address) byAddress(bytes));
    }

    /** Canonical text: dotted decimal, or RFC 5952 IPv6 (lower case, longest zero run as {@code ::}). */
    static String format(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
            } else {
                text.append(text.length() == 0 || text.charAt(text.length() - 1) == ':' ? "" : ":");
                text.append(Integer.toHexString(groups[i]));
            }
        }
        return text.toString();
    }

    static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length, e);
        }
    }

    private static List<String> labels(String host) {
        List<String> labels = new ArrayList<>(Arrays.asList(host.split("\\.", -1)));
        if (labels.size() > 1 && labels.get(labels.size() - 1).isEmpty()) {
            labels.remove(labels.size() - 1);
        }
        return labels;
    }

    /** A WHATWG IPv4 number: decimal, {@code 0x} hexadecimal, or octal with a leading zero. */
    private static Optional<BigInteger> number(String label) {
        if (label.isEmpty()) {
            return Optional.empty();
        }
        int radix = 10;
        String digits = label;
        if (label.length() >= 2 && (label.startsWith("0x") || label.startsWith("0X"))) {
            radix = 16;
            digits = label.substring(2);
        } else if (label.length() >= 2 && label.charAt(0) == '0') {
            radix = 8;
            digits = label.substring(1);
        }
        if (digits.isEmpty()) {
            return Optional.of(BigInteger.ZERO);
        }
        int r = radix;
        return digits.chars().allMatch(c -> c < 128 && Character.digit(c, r) >= 0)
                ? Optional.of(new BigInteger(digits, radix))
                : Optional.empty();
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
