package dev.codeai.integrations.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CIDR blocks parse strictly, without DNS, and contain exactly the addresses under their prefix. */
class CidrTest {

    private static InetAddress ip(String text) {
        return AddressLiterals.parse(text).orElseThrow();
    }

    @Test
    void anIpv4BlockContainsTheAddressesUnderItsPrefix() {
        Cidr block = Cidr.parse("172.16.0.0/12");

        assertThat(block.contains(ip("172.16.0.1"))).isTrue();
        assertThat(block.contains(ip("172.31.255.255"))).isTrue();
        assertThat(block.contains(ip("172.32.0.0"))).isFalse();
        assertThat(block.contains(ip("172.15.255.255"))).isFalse();
    }

    @Test
    void anIpv6BlockContainsTheAddressesUnderItsPrefix() {
        Cidr block = Cidr.parse("fe80::/10");

        assertThat(block.contains(ip("fe80::1"))).isTrue();
        assertThat(block.contains(ip("febf:ffff::1"))).isTrue();
        assertThat(block.contains(ip("fec0::1"))).isFalse();
    }

    @Test
    void aBareAddressIsABlockOfOne() {
        assertThat(Cidr.parse("10.1.2.3")).isEqualTo(Cidr.parse("10.1.2.3/32"));
        assertThat(Cidr.parse("::1")).isEqualTo(Cidr.parse("::1/128"));
        assertThat(Cidr.parse("10.1.2.3").contains(ip("10.1.2.4"))).isFalse();
    }

    @Test
    void blocksNeverContainAddressesOfTheOtherIpVersion() {
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("::1"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(ip("127.0.0.1"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(ip("2606:4700::1111"))).isTrue();
    }

    @Test
    void printsInCanonicalForm() {
        assertThat(Cidr.parse(" 127.0.0.0/8 ")).hasToString("127.0.0.0/8");
        assertThat(Cidr.parse("FD00:0EC2:0:0:0:0:0:0254")).hasToString("fd00:ec2::254/128");
        assertThat(Cidr.parse("fc00:0::/7")).hasToString("fc00::/7");
    }

    @Test
    void parsesACommaSeparatedListSkippingEmptyEntries() {
        assertThat(Cidr.parseList("127.0.0.0/8, ::1,")).containsExactly(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128"));
        assertThat(Cidr.parseList("  ")).isEmpty();
        assertThat(Cidr.parseList(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/33      | invalid CIDR '10.0.0.0/33': prefix length must be a number between 0 and 32, not '33'",
        "::/129           | invalid CIDR '::/129': prefix length must be a number between 0 and 128, not '129'",
        "10.0.0.0/        | invalid CIDR '10.0.0.0/': prefix length must be a number between 0 and 32, not ''",
        "10.0.0.0/-1      | invalid CIDR '10.0.0.0/-1': prefix length must be a number between 0 and 32, not '-1'",
        "10.0.0.0/8/8     | invalid CIDR '10.0.0.0/8/8': prefix length must be a number between 0 and 32, not '8/8'",
        "10.0.0.5/8       | invalid CIDR '10.0.0.5/8': 10.0.0.5/8 has bits set beyond the prefix; the block is 10.0.0.0/8",
        "fe80::1/10       | invalid CIDR 'fe80::1/10': fe80::1/10 has bits set beyond the prefix; the block is fe80::/10",
        "10.0.0/8         | invalid CIDR '10.0.0/8': '10.0.0' is not an IPv4 or IPv6 address",
        "010.0.0.0/8      | invalid CIDR '010.0.0.0/8': '010.0.0.0' is not an IPv4 or IPv6 address",
        "256.0.0.0/8      | invalid CIDR '256.0.0.0/8': '256.0.0.0' is not an IPv4 or IPv6 address",
        "localhost/8      | invalid CIDR 'localhost/8': 'localhost' is not an IPv4 or IPv6 address",
        "fe80::1%eth0     | invalid CIDR 'fe80::1%eth0': 'fe80::1%eth0' is not an IPv4 or IPv6 address",
        "::ffff:10.0.0.0/104 | invalid CIDR '::ffff:10.0.0.0/104': IPv4-mapped addresses are matched as IPv4; write the block in IPv4 form",
    })
    void badTextIsRefusedWithAMessageNamingIt(String text, String message) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void emptyTextIsRefused() {
        assertThatThrownBy(() -> Cidr.parse("")).hasMessage("invalid CIDR '': '' is not an IPv4 or IPv6 address");
    }
}
