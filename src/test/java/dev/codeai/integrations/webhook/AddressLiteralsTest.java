package dev.codeai.integrations.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict literals are parsed, legacy IPv4 spellings are recognised for what browsers and curl make of them. */
class AddressLiteralsTest {

    @Test
    void strictIpv4IsFourDecimalNumbersWithoutLeadingZeros() {
        assertThat(AddressLiterals.ipv4("93.184.216.34")).map(InetAddress::getHostAddress).hasValue("93.184.216.34");
        assertThat(AddressLiterals.ipv4("0.0.0.0")).isPresent();
        assertThat(AddressLiterals.ipv4("0177.0.0.1")).isEmpty();
        assertThat(AddressLiterals.ipv4("127.1")).isEmpty();
        assertThat(AddressLiterals.ipv4("2130706433")).isEmpty();
        assertThat(AddressLiterals.ipv4("1.2.3.256")).isEmpty();
        assertThat(AddressLiterals.ipv4("1.2.3.4.")).isEmpty();
        assertThat(AddressLiterals.ipv4("١.2.3.4")).isEmpty();
    }

    @Test
    void ipv6TextNeverReachesDns() {
        assertThat(AddressLiterals.ipv6("2606:4700::1111")).map(AddressLiterals::format).hasValue("2606:4700::1111");
        assertThat(AddressLiterals.ipv6("example.com")).isEmpty();
        assertThat(AddressLiterals.ipv6("12:34:zz::")).isEmpty();
        assertThat(AddressLiterals.parse("localhost")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "2130706433, 127.0.0.1",
        "0x7f000001, 127.0.0.1",
        "0x7f.1, 127.0.0.1",
        "0177.0.0.1, 127.0.0.1",
        "0177.1, 127.0.0.1",
        "127.1, 127.0.0.1",
        "127.0.0.1., 127.0.0.1",
        "1.2.3, 1.2.0.3",
        "010.0.0.1, 8.0.0.1",
        "0x, 0.0.0.0",
    })
    void legacySpellingsMeanWhatTheWhatwgUrlParserMakesOfThem(String host, String meaning) {
        assertThat(AddressLiterals.endsInNumber(host)).isTrue();
        assertThat(AddressLiterals.legacyIpv4(host)).map(InetAddress::getHostAddress).hasValue(meaning);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4.5", "256.0.0.1", "1.2.65536", "4294967296", "0x7g.1", "09.0.0.1", "a.1"})
    void numericHostsThatAreNoAddressHaveNoMeaning(String host) {
        assertThat(AddressLiterals.legacyIpv4(host)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hooks.example.com", "1e2.com", "a.b.c.d1", "localhost", "xn--bcher-kva.ch"})
    void hostNamesDoNotEndInANumber(String host) {
        assertThat(AddressLiterals.endsInNumber(host)).isFalse();
    }

    @Test
    void javaParsesSomeLegacySpellingsDifferentlyOrNotAtAll() throws Exception {
        // Why the guard refuses these spellings instead of trusting any one parser's reading of them.
        assertThat(InetAddress.getByName("2130706433").getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(InetAddress.getByName("0177.0.0.1").getHostAddress()).isEqualTo("177.0.0.1");
        assertThat(URI.create("http://0x7f.1/").getHost()).isNull();
        assertThat(URI.create("http://2130706433/").getHost()).isEqualTo("2130706433");
    }

    @ParameterizedTest
    @CsvSource({
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "2001:DB8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "fe80:0:0:0:0:0:0:0, fe80::",
        "64:ff9b:0:0:0:0:a00:5, 64:ff9b::a00:5",
    })
    void formatsIpv6AsRfc5952(String text, String formatted) {
        assertThat(AddressLiterals.format(AddressLiterals.ipv6(text).orElseThrow())).isEqualTo(formatted);
    }
}
