package dev.codeai.integrations.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Publishing's deliveries on the embedded database and on PostgreSQL: one leased at publication is stored claimed
 * by this instance, with everything its attempt needs, and no claim takes it until its lease lapses.
 */
class EventStoreTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final Instant LEASE_END = NOW.plusSeconds(35);

    @AfterAll
    static void dropSchema() throws Exception {
        AttemptLogTest.dropSchema();
    }

    @ParameterizedTest
    @MethodSource("dev.codeai.integrations.webhook.AttemptLogTest#databases")
    void aLeasedDeliveryIsStoredClaimedWithWhatItsAttemptNeeds(DataSource database) throws Exception {
        AttemptLogTest.Fixture fixture = new AttemptLogTest.Fixture(database);
        String endpoint = fixture.endpoint();

        EventStore.Stored stored = fixture.publish("e-leased", endpoint, true);

        assertThat(stored.published()).singleElement().satisfies(p -> assertThat(p.deliveries()).isEqualTo(1));
        DeliveryStore.Claimed leased = stored.leased().get(0);
        assertThat(leased.endpointId()).isEqualTo(endpoint);
        assertThat(leased.url()).isEqualTo("http://127.0.0.1/");
        assertThat(leased.secret()).isEqualTo("whsec_x");
        assertThat(leased.payload()).isEqualTo("{\"n\":1}");
        assertThat(leased.attemptCount()).isZero();
        assertThat(leased.maxAttempts()).isEqualTo(3);
        assertThat(leased.healthy()).isTrue();
        assertThat(fixture.store.claim(10, NOW.plusSeconds(1), NOW.plusSeconds(60), Set.of()))
                .as("held by its lease").isEmpty();
        assertThat(fixture.store.claim(10, LEASE_END.plusSeconds(1), LEASE_END.plusSeconds(60), Set.of()))
                .as("claimable once the lease lapsed (the instance that leased it died)")
                .extracting(DeliveryStore.Claimed::id).containsExactly(leased.id());
    }

    @ParameterizedTest
    @MethodSource("dev.codeai.integrations.webhook.AttemptLogTest#databases")
    void aDeliveryNotLeasedIsClaimableAtOnce(DataSource database) throws Exception {
        AttemptLogTest.Fixture fixture = new AttemptLogTest.Fixture(database);
        String endpoint = fixture.endpoint();

        EventStore.Stored stored = fixture.publish("e-claimed", endpoint, false);

        assertThat(stored.leased()).isEmpty();
        List<DeliveryStore.Claimed> claimed = fixture.store.claim(10, NOW.plusSeconds(1), NOW.plusSeconds(60), Set.of());
        assertThat(claimed).singleElement().satisfies(c -> assertThat(c.endpointId()).isEqualTo(endpoint));
    }
}
