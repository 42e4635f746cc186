package dev.codeai.integrations.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeai.integrations.dsl.Loader;
import dev.codeai.integrations.dsl.model.Policies;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code fallback: default({...})} (DSL.md §5.4 "Fallback rules"), from the DSL text to the answer a caller gets. The
 * IT server runs the example DSL, which has only {@code fallback: cache}; which failures reach a fallback at all is
 * shared with that one and tested in ResponseCacheIT.
 */
class FallbackLiteralTest {

    @Test
    void answersTheDeclaredLiteralAsJsonMarkedAsAFallback() {
        Loader.Result loaded = Loader.load("fallback.cai", """
                integration Quotes {
                    type: rest
                    base_url: "https://quotes.example.com"
                    fallback: default({ quote: "Keep calm", author: { name: "anon" }, tags: ["offline"], score: 1.5, live: false })
                    operation today {
                        method: GET
                        path: "/today"
                    }
                }
                """);
        assertThat(loaded.errors()).isEmpty();
        Policies.Fallback fallback = loaded.spec().orElseThrow().integrations().get("Quotes").fallback();

        UpstreamResponse answer = Fallbacks.literal((Policies.Fallback.DefaultValue) fallback);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.header("X-Fallback")).contains("default");
        assertThat(new String(answer.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"quote\":\"Keep calm\",\"author\":{\"name\":\"anon\"},\"tags\":[\"offline\"],\"score\":1.5,\"live\":false}");
    }
}
