package dev.codeai.integrations.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Webhook URLs must be http(s) and reach only public addresses unless the allowlist admits more; no network. */
class SsrfGuardTest {

    private static final SsrfGuard LITERALS_ONLY = new SsrfGuard(List.of(), FakeDns.noLookupsExpected());

    private static SsrfGuard.Verdict check(SsrfGuard guard, String url) {
        return guard.check(URI.create(url));
    }

    private static List<String> addresses(SsrfGuard.Verdict verdict) {
        assertThat(verdict).isInstanceOf(SsrfGuard.Verdict.Allowed.class);
        return ((SsrfGuard.Verdict.Allowed) verdict).addresses().stream().map(AddressLiterals::format).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1          | 127.0.0.1, a loopback address",
        "127.255.255.254    | 127.255.255.254, a loopback address",
        "[::1]              | ::1, a loopback address",
        "0.0.0.0            | 0.0.0.0, an unspecified address",
        "0.255.0.1          | 0.255.0.1, an unspecified address",
        "[::]               | ::, an unspecified address",
        "10.0.0.5           | 10.0.0.5, a private address",
        "172.16.0.1         | 172.16.0.1, a private address",
        "172.31.255.255     | 172.31.255.255, a private address",
        "192.168.1.1        | 192.168.1.1, a private address",
        "[fc00::1]          | fc00::1, a private address",
        "[fd12:3456::1]     | fd12:3456::1, a private address",
        "100.64.0.1         | 100.64.0.1, a carrier-grade NAT address",
        "100.127.255.255    | 100.127.255.255, a carrier-grade NAT address",
        "169.254.0.1        | 169.254.0.1, a link-local address",
        "[fe80::1]          | fe80::1, a link-local address",
        "[febf::1]          | febf::1, a link-local address",
        "[fec0::1]          | fec0::1, a site-local address",
        "224.0.0.1          | 224.0.0.1, a multicast address",
        "239.255.255.250    | 239.255.255.250, a multicast address",
        "[ff02::1]          | ff02::1, a multicast address",
        "255.255.255.255    | 255.255.255.255, a broadcast address",
        "240.0.0.1          | 240.0.0.1, a reserved address",
        "254.1.2.3          | 254.1.2.3, a reserved address",
        "169.254.169.254    | 169.254.169.254, a cloud metadata address",
        "[fd00:ec2::254]    | fd00:ec2::254, a cloud metadata address",
        "100.100.100.200    | 100.100.100.200, a cloud metadata address",
        "[2001:0:4136:e378::1] | 2001:0:4136:e378::1, a Teredo tunnel address",
        "[64:ff9b:1::a00:5] | 64:ff9b:1::a00:5, a local-use NAT64 address",
    })
    void refusesEveryBlockedRange(String host, String description) {
        SsrfGuard.Verdict verdict = check(LITERALS_ONLY, "https://" + host + ":8443/hook");

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.refusal()).hasValue(host + " resolves to " + description);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[::ffff:127.0.0.1]         | 127.0.0.1, a loopback address",
        "[::ffff:a9fe:a9fe]         | 169.254.169.254, a cloud metadata address",
        "[::ffff:10.0.0.5]          | 10.0.0.5, a private address",
        "[::127.0.0.1]              | ::7f00:1, which embeds 127.0.0.1, a loopback address",
        "[::192.168.0.1]            | ::c0a8:1, which embeds 192.168.0.1, a private address",
        "[64:ff9b::7f00:1]          | 64:ff9b::7f00:1, which embeds 127.0.0.1, a loopback address",
        "[64:ff9b::169.254.169.254] | 64:ff9b::a9fe:a9fe, which embeds 169.254.169.254, a cloud metadata address",
        "[2002:a00:5::1]            | 2002:a00:5::1, which embeds 10.0.0.5, a private address",
        "[2002:7f00:1::]            | 2002:7f00:1::, which embeds 127.0.0.1, a loopback address",
    })
    void judgesIpv6AddressesThatCarryAnIpv4AddressByIt(String host, String description) {
        assertThat(check(LITERALS_ONLY, "http://" + host + "/").refusal()).hasValue(host + " resolves to " + description);
    }

    @Test
    void judgesAMappedAddressFromAResolverThatKeptItIpv6() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        InetAddress address = java.net.Inet6Address.getByAddress(null, mapped, -1);
        SsrfGuard guard = new SsrfGuard(List.of(), host -> List.of(address));

        assertThat(check(guard, "http://mapped.example/").refusal())
                .hasValue("mapped.example resolves to ::ffff:7f00:1, which embeds 127.0.0.1, a loopback address");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://93.184.216.34/hook       | 93.184.216.34",
        "https://[2606:4700::1111]/hook  | 2606:4700::1111",
        "http://8.8.8.8:8080/            | 8.8.8.8",
        "http://172.32.0.1/              | 172.32.0.1",
        "http://100.128.0.1/             | 100.128.0.1",
        "http://[::ffff:93.184.216.34]/  | 93.184.216.34",
        "http://[2002:5db8:d822::1]/     | 2002:5db8:d822::1",
        "http://[64:ff9b::8.8.8.8]/      | 64:ff9b::808:808",
    })
    void allowsPublicAddressesWithoutAskingDns(String url, String address) {
        assertThat(addresses(check(LITERALS_ONLY, url))).containsExactly(address);
    }

    @Test
    void allowsAHostNameWhoseAnswersAreAllPublic() {
        SsrfGuard guard = new SsrfGuard(List.of(), FakeDns.answering("hooks.example.com", "93.184.216.34", "2606:4700::1111"));

        assertThat(addresses(check(guard, "https://hooks.example.com/events"))).containsExactly("93.184.216.34", "2606:4700::1111");
    }

    @Test
    void refusesAHostNameWhenOneOfItsAnswersIsPrivate() {
        SsrfGuard guard = new SsrfGuard(List.of(),
                FakeDns.answering("mixed.example.com", "93.184.216.34", "10.0.0.5", "2606:4700::1111"));

        assertThat(check(guard, "https://mixed.example.com/events").refusal())
                .hasValue("mixed.example.com resolves to 10.0.0.5, a private address");
    }

    @Test
    void refusesLocalhostByItsAnswer() {
        SsrfGuard guard = new SsrfGuard(List.of(), FakeDns.answering("localhost", "127.0.0.1", "::1"));

        assertThat(check(guard, "http://localhost:9080/hook").refusal())
                .hasValue("localhost resolves to 127.0.0.1, a loopback address");
    }

    @Test
    void refusesAHostThatDoesNotResolve() {
        SsrfGuard guard = new SsrfGuard(List.of(), FakeDns.answering("hooks.example.com", "93.184.216.34"));

        assertThat(check(guard, "https://nowhere.example.com/").refusal()).hasValue("nowhere.example.com does not resolve");
        assertThat(check(new SsrfGuard(List.of(), host -> List.of()), "https://empty.example.com/").refusal())
                .hasValue("empty.example.com does not resolve");
    }

    @Test
    void checksAgainAtEveryCallSoAChangedDnsAnswerIsCaught() {
        FakeDns dns = FakeDns.answering("rebind.example.com", "93.184.216.34");
        SsrfGuard guard = new SsrfGuard(List.of(), dns);
        assertThat(check(guard, "https://rebind.example.com/").allowed()).isTrue();

        dns.and("rebind.example.com", "169.254.169.254");

        assertThat(check(guard, "https://rebind.example.com/").refusal())
                .hasValue("rebind.example.com resolves to 169.254.169.254, a cloud metadata address");
    }

    @Test
    void anAllowlistOfLoopbackAdmitsLoopbackButNotPrivateAddresses() {
        SsrfGuard guard = SsrfGuard.of("127.0.0.0/8, ::1",
                FakeDns.answering("localhost", "127.0.0.1", "::1").and("intranet", "127.0.0.1", "10.0.0.5"));

        assertThat(addresses(check(guard, "http://localhost:9080/hook"))).containsExactly("127.0.0.1", "::1");
        assertThat(addresses(check(guard, "http://127.0.0.2/"))).containsExactly("127.0.0.2");
        assertThat(addresses(check(guard, "http://[::ffff:127.0.0.1]/"))).containsExactly("127.0.0.1");
        assertThat(addresses(check(guard, "http://[64:ff9b::7f00:1]/"))).containsExactly("64:ff9b::7f00:1");
        assertThat(check(guard, "http://10.0.0.5/").refusal()).hasValue("10.0.0.5 resolves to 10.0.0.5, a private address");
        assertThat(check(guard, "http://intranet/").refusal()).hasValue("intranet resolves to 10.0.0.5, a private address");
        assertThat(check(guard, "http://169.254.169.254/").allowed()).isFalse();
    }

    @Test
    void aBlankAllowlistAdmitsNothing() {
        assertThat(SsrfGuard.of("").allowlist()).isEmpty();
        assertThat(SsrfGuard.of(null).allowlist()).isEmpty();
        assertThat(SsrfGuard.of(" , ").allowlist()).isEmpty();
    }

    @Test
    void aBadAllowlistNamesTheConfigKeyAndTheEntry() {
        assertThatThrownBy(() -> SsrfGuard.of("127.0.0.0/8, 10.0.0.0/33"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("codeai.webhooks.allowed-cidrs: invalid CIDR ' 10.0.0.0/33': "
                        + "prefix length must be a number between 0 and 32, not '33'");
        assertThatThrownBy(() -> SsrfGuard.of("localhost"))
                .hasMessage("codeai.webhooks.allowed-cidrs: invalid CIDR 'localhost': 'localhost' is not an IPv4 or IPv6 address");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://2130706433/      | host 2130706433 is a non-standard spelling of 127.0.0.1, a loopback address; write IPv4 addresses as four decimal numbers",
        "http://0x7f000001/      | host 0x7f000001 is a non-standard spelling of 127.0.0.1, a loopback address; write IPv4 addresses as four decimal numbers",
        "http://0x7f.1/          | host 0x7f.1 is a non-standard spelling of 127.0.0.1, a loopback address; write IPv4 addresses as four decimal numbers",
        "http://0177.0.0.1/      | host 0177.0.0.1 is a non-standard spelling of 127.0.0.1, a loopback address; write IPv4 addresses as four decimal numbers",
        "http://127.1:8080/      | host 127.1 is a non-standard spelling of 127.0.0.1, a loopback address; write IPv4 addresses as four decimal numbers",
        "http://127.0.0.1./      | host 127.0.0.1. is a non-standard spelling of 127.0.0.1, a loopback address; write IPv4 addresses as four decimal numbers",
        "http://0/               | host 0 is a non-standard spelling of 0.0.0.0, an unspecified address; write IPv4 addresses as four decimal numbers",
        "http://0xa9fea9fe/      | host 0xa9fea9fe is a non-standard spelling of 169.254.169.254, a cloud metadata address; write IPv4 addresses as four decimal numbers",
        "http://012.0.0.5/       | host 012.0.0.5 is a non-standard spelling of 10.0.0.5, a private address; write IPv4 addresses as four decimal numbers",
        "http://1.2.3/           | host 1.2.3 is a non-standard spelling of 1.2.0.3; write IPv4 addresses as four decimal numbers",
        "http://256.0.0.1/       | host 256.0.0.1 is neither a host name nor an IPv4 address",
        "http://1.2.3.4.5/       | host 1.2.3.4.5 is neither a host name nor an IPv4 address",
    })
    void refusesNonStandardIpv4SpellingsWhateverTheyMean(String url, String problem) {
        SsrfGuard allowingLoopback = new SsrfGuard(Cidr.parseList("127.0.0.0/8"), FakeDns.noLookupsExpected());

        assertThat(LITERALS_ONLY.urlProblem(url)).hasValue(problem);
        assertThat(allowingLoopback.check(URI.create(url)).refusal()).hasValue("url " + problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ftp://hooks.example.com/x      | must use http or https, not ftp",
        "file:///etc/passwd             | must use http or https, not file",
        "gopher://127.0.0.1:6379/_INFO  | must use http or https, not gopher",
        "javascript:alert(1)            | must be an absolute http or https URL such as https://hooks.example.com/events",
        "ws://hooks.example.com/        | must use http or https, not ws",
        "http:hooks.example.com         | must be an absolute http or https URL such as https://hooks.example.com/events",
        "//hooks.example.com/x          | must be an absolute http or https URL such as https://hooks.example.com/events",
        "/relative/path                 | must be an absolute http or https URL such as https://hooks.example.com/events",
        "http:///path                   | must name a host",
        "http://:8080/                  | must name a host",
        "http://user:secret@hooks.example.com/ | must not contain credentials (user info before '@'); use the webhook secret instead",
        "http://user@hooks.example.com/ | must not contain credentials (user info before '@'); use the webhook secret instead",
        "http://@hooks.example.com/     | must not contain credentials (user info before '@'); use the webhook secret instead",
        "http://a@0x7f.1/               | must not contain credentials (user info before '@'); use the webhook secret instead",
        "http://hooks.example.com:0/    | port must be between 1 and 65535, not 0",
        "http://hooks.example.com:65536/ | port must be between 1 and 65535, not 65536",
        "http://exa_mple.com/           | has an invalid host name: exa_mple.com",
        "http://-bad.example.com/       | has an invalid host name: -bad.example.com",
        "http://%31%32%37.0.0.1/        | must not percent-encode the host: %31%32%37.0.0.1",
        "http://[fe80::1%25eth0]/       | must not name an IPv6 zone: [fe80::1%25eth0]",
        "http://hooks example.com/      | is not a valid URL: Illegal character in authority at index 7",
        "'   '                          | must not be blank",
    })
    void refusesUrlsThatAreNotPlainHttpWithAHost(String url, String problem) {
        assertThat(LITERALS_ONLY.urlProblem(url)).hasValue(problem);
    }

    @Test
    void refusesUrlsLongerThan2048Characters() {
        String base = "https://hooks.example.com/";
        String longest = base + "a".repeat(SsrfGuard.MAX_URL_LENGTH - base.length());

        assertThat(LITERALS_ONLY.urlProblem(longest)).isEmpty();
        assertThat(LITERALS_ONLY.urlProblem(longest + "a")).hasValue("must be at most 2048 characters long, not 2049");
        assertThat(LITERALS_ONLY.urlProblem(null)).hasValue("must not be blank");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://hooks.example.com/events",
        "HTTPS://Hooks.Example.COM/events?tenant=1#frag",
        "Http://hooks.example.com:1/",
        "http://hooks.example.com:65535/",
        "http://hooks.example.com:/x",
        "http://localhost./",
        "https://93.184.216.34/",
        "https://[2606:4700::1111]:8443/",
        "https://xn--bcher-kva.ch/",
    })
    void acceptsPlainHttpUrls(String url) {
        assertThat(LITERALS_ONLY.urlProblem(url)).isEmpty();
    }

    @Test
    void refusesASchemeThatIsNotHttpEvenWhenTheHostIsPublic() {
        assertThat(check(LITERALS_ONLY, "ftp://93.184.216.34/").refusal()).hasValue("url must use http or https, not ftp");
    }
}
