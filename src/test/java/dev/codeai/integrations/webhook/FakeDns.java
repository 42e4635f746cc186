package dev.codeai.integrations.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Canned DNS answers for {@link SsrfGuard}; every other name is unknown, and lookups can be forbidden. */
final class FakeDns implements SsrfGuard.Resolver {

    private final Map<String, List<InetAddress>> answers = new HashMap<>();
    private final boolean lookupsAllowed;

    private FakeDns(boolean lookupsAllowed) {
        this.lookupsAllowed = lookupsAllowed;
    }

    static FakeDns answering(String host, String... addresses) {
        return new FakeDns(true).and(host, addresses);
    }

    /** For IP-literal URLs: any lookup fails the test, proving the guard did not ask DNS. */
    static FakeDns noLookupsExpected() {
        return new FakeDns(false);
    }

    FakeDns and(String host, String... addresses) {
        answers.put(host, List.of(addresses).stream().map(FakeDns::literal).toList());
        return this;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        if (!lookupsAllowed) {
            throw new AssertionError("unexpected DNS lookup of " + host);
        }
        List<InetAddress> answer = answers.get(host);
        if (answer == null) {
            throw new UnknownHostException(host);
        }
        return answer;
    }

    private static InetAddress literal(String address) {
        return AddressLiterals.parse(address).orElseThrow(() -> new IllegalArgumentException(address));
    }
}
