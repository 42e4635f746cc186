package dev.codeai.integrations.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The head of an attempt's request: its exact bytes, and the header fields it refuses. */
class HttpHeadTest {

    @Test
    void writesTheRequestLineHostLengthAndFieldsInOrder() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Content-Type", "application/json");
        fields.put("X-Event", "order.created");

        String head = new String(HttpHead.request(URI.create("https://user@hooks.example:8443/in/a%20b?k=v"), fields, 42),
                StandardCharsets.ISO_8859_1);

        assertThat(head).isEqualTo("POST /in/a%20b?k=v HTTP/1.1\r\nHost: hooks.example:8443\r\nContent-Length: 42\r\n"
                + "Content-Type: application/json\r\nX-Event: order.created\r\nUser-Agent: " + HttpHead.USER_AGENT
                + "\r\n\r\n");
    }

    @Test
    void sendsTheRootPathAndKeepsAUserAgentOfTheDsl() {
        String head = new String(HttpHead.request(URI.create("http://hooks.example"), Map.of("User-Agent", "shop/2"), 0),
                StandardCharsets.ISO_8859_1);

        assertThat(head).startsWith("POST / HTTP/1.1\r\nHost: hooks.example\r\n").contains("\r\nUser-Agent: shop/2\r\n")
                .doesNotContain(HttpHead.USER_AGENT);
    }

    @Test
    void refusesAFieldThatWouldInjectAnotherAndTheFieldsTheDeliverySetsItself() {
        assertThatThrownBy(() -> HttpHead.request(URI.create("http://h/"), Map.of("X-Event", "a\r\nX-Injected: 1"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-Event");
        assertThatThrownBy(() -> HttpHead.request(URI.create("http://h/"), Map.of("Bad Name", "v"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Bad Name");
        assertThatThrownBy(() -> HttpHead.request(URI.create("http://h/"), Map.of("Content-Length", "1"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set by the delivery");
    }

}
