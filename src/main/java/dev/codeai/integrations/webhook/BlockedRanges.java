package dev.codeai.integrations.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges a webhook must not reach unless the allowlist admits them: loopback, unspecified, private,
 * carrier-grade NAT, link-local, multicast, broadcast, reserved and cloud-metadata addresses. IPv6 forms that
 * carry an IPv4 address (mapped, compatible, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are judged by the IPv4 address they carry.
 */
final class BlockedRanges {

    /** Why an address is blocked; {@code embedded} is the IPv4 address it was judged by, if it carries one. */
    record Blocking(InetAddress address, Optional<Inet4Address> embedded, String kind) {

        /** {@code 10.0.0.5, a private address} or {@code 2002:a00:5::1, which embeds 10.0.0.5, a private address}. */
        String describe() {
            String carried = embedded.map(v4 -> ", which embeds " + AddressLiterals.format(v4)).orElse("");
            return AddressLiterals.format(address) + carried + ", " + kind;
        }
    }

    private record Range(Cidr cidr, String kind) {
    }

    private record Embedding(Cidr cidr, int offset) {
    }

    // Most specific first: the first range that contains an address names its kind.
    private static final List<Range> RANGES = List.of(
            range("169.254.169.254/32", "a cloud metadata address"),
            range("100.100.100.200/32", "a cloud metadata address"),
            range("fd00:ec2::254/128", "a cloud metadata address"),
            range("255.255.255.255/32", "a broadcast address"),
            range("0.0.0.0/8", "an unspecified address"),
            range("10.0.0.0/8", "a private address"),
            range("100.64.0.0/10", "a carrier-grade NAT address"),
            range("127.0.0.0/8", "a loopback address"),
            range("169.254.0.0/16", "a link-local address"),
            range("172.16.0.0/12", "a private address"),
            range("192.168.0.0/16", "a private address"),
            range("224.0.0.0/4", "a multicast address"),
            range("240.0.0.0/4", "a reserved address"),
            range("::/128", "an unspecified address"),
            range("::1/128", "a loopback address"),
            range("fc00::/7", "a private address"),
            range("fe80::/10", "a link-local address"),
            range("fec0::/10", "a site-local address"),
            range("ff00::/8", "a multicast address"),
            range("64:ff9b:1::/48", "a local-use NAT64 address"),
            range("2001::/32", "a Teredo tunnel address"));

    private static final List<Embedding> EMBEDDINGS = List.of(
            new Embedding(ipv4Mapped(), 12),
            new Embedding(Cidr.parse("::/96"), 12),
            new Embedding(Cidr.parse("64:ff9b::/96"), 12),
            new Embedding(Cidr.parse("2002::/16"), 2));

    private BlockedRanges() {
    }

    static Optional<Blocking> blocking(InetAddress address) {
        Optional<String> direct = kind(address);
        if (direct.isPresent()) {
            return Optional.of(new Blocking(address, Optional.empty(), direct.get()));
        }
        Optional<Inet4Address> embedded = embedded(address);
        return embedded.flatMap(BlockedRanges::kind).map(kind -> new Blocking(address, embedded, kind));
    }

    /** The IPv4 address an IPv4-compatible, NAT64 or 6to4 IPv6 address carries. */
    static Optional<Inet4Address> embedded(InetAddress address) {
        byte[] bytes = address.getAddress();
        return EMBEDDINGS.stream()
                .filter(e -> e.cidr().contains(address))
                .findFirst()
                .map(e -> (Inet4Address) AddressLiterals.byAddress(Arrays.copyOfRange(bytes, e.offset(), e.offset() + 4)));
    }

    private static Optional<String> kind(InetAddress address) {
        return RANGES.stream().filter(r -> r.cidr().contains(address)).map(Range::kind).findFirst();
    }

    /** {@code ::ffff:0:0/96}, built from bytes: from text, {@code InetAddress} turns it into IPv4 0.0.0.0. */
    private static Cidr ipv4Mapped() {
        byte[] prefix = new byte[16];
        prefix[10] = (byte) 0xff;
        prefix[11] = (byte) 0xff;
        try {
            return new Cidr(Inet6Address.getByAddress(null, prefix, -1), 96);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Range range(String cidr, String kind) {
        return new Range(Cidr.parse(cidr), kind);
    }
}
