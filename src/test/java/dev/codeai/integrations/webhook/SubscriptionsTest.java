package dev.codeai.integrations.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** DSL.md §5.6 "Matching": equal names, {@code *}, and {@code prefix.*}. */
class SubscriptionsTest {

    @Test
    void matchesEqualNamesWildcardsAndPrefixes() {
        assertThat(Subscriptions.matches(List.of("order.created"), "order.created")).isTrue();
        assertThat(Subscriptions.matches(List.of("order.created"), "Order.created")).as("case-sensitive").isFalse();
        assertThat(Subscriptions.matches(List.of("*"), "anything.at.all")).isTrue();
        assertThat(Subscriptions.matches(List.of("order.*"), "order.created")).isTrue();
        assertThat(Subscriptions.matches(List.of("order.*"), "order.item.added")).isTrue();
        assertThat(Subscriptions.matches(List.of("order.*"), "order")).isFalse();
        assertThat(Subscriptions.matches(List.of("order.*"), "orders.created")).isFalse();
        assertThat(Subscriptions.matches(List.of("invoice.paid", "order.*"), "order.shipped")).isTrue();
        assertThat(Subscriptions.matches(List.of(), "order.created")).isFalse();
    }

    @Test
    void theEventsColumnRoundTrips() {
        List<String> events = List.of("order.*", "invoice \"paid\"", "*");

        assertThat(Subscriptions.parse(Subscriptions.format(events))).isEqualTo(events);
    }
}
