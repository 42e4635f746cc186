package dev.codeai.integrations.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * codeai.bulkhead.<integration>.concurrency and .queue, as system properties or environment variables, become
 * SmallRye's keys of the generated bulkhead.
 */
class BulkheadConfigSourceTest {

    private static final String GITHUB = "dev.codeai.integrations.generated.GitHubAPIBulkhead/call/Bulkhead/value";
    private static final String GITHUB_QUEUE =
            "dev.codeai.integrations.generated.GitHubAPIBulkhead/call/Bulkhead/waitingTaskQueue";

    @Test
    void mapsASystemPropertyOntoTheBulkheadKeyOfItsIntegration() {
        BulkheadConfigSource source = new BulkheadConfigSource(Map.of("codeai.bulkhead.GitHubAPI.concurrency", "4",
                "codeai.rate-limit.GitHubAPI.requests", "10"), Map.of());

        assertThat(source.getValue(GITHUB)).isEqualTo("4");
        assertThat(source.getPropertyNames()).containsExactly(GITHUB);
        assertThat(source.getValue("dev.codeai.integrations.generated.WeatherAPIBulkhead/call/Bulkhead/value")).isNull();
    }

    @Test
    void mapsAnEnvironmentVariableWhateverTheCaseAndDashesOfTheName() {
        BulkheadConfigSource source = new BulkheadConfigSource(Map.of(),
                Map.of("CODEAI_BULKHEAD_MY_API_CONCURRENCY", "7", "CODEAI_BULKHEAD_GITHUBAPI_CONCURRENCY", "9"));

        assertThat(source.getValue("dev.codeai.integrations.generated.MyApiBulkhead/call/Bulkhead/value")).isEqualTo("7");
        assertThat(source.getValue(GITHUB)).isEqualTo("9");
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironmentVariable() {
        BulkheadConfigSource source = new BulkheadConfigSource(Map.of("codeai.bulkhead.GitHubAPI.concurrency", "4"),
                Map.of("CODEAI_BULKHEAD_GITHUBAPI_CONCURRENCY", "9"));

        assertThat(source.getValue(GITHUB)).isEqualTo("4");
    }

    @Test
    void answersNothingForOtherKeysAndRanksBelowSystemPropertiesAndTheEnvironment() {
        BulkheadConfigSource source = new BulkheadConfigSource(Map.of("codeai.bulkhead.GitHubAPI.concurrency", "4"),
                Map.of());

        assertThat(source.getValue("dev.codeai.integrations.generated.GitHubAPIIntegration/call/Timeout/value")).isNull();
        assertThat(source.getValue("codeai.bulkhead.GitHubAPI.concurrency")).isNull();
        assertThat(source.getOrdinal()).isLessThan(300);
    }

    @Test
    void mapsTheQueueOntoTheWaitingTaskQueueKeyNextToTheConcurrency() {
        BulkheadConfigSource source = new BulkheadConfigSource(Map.of("codeai.bulkhead.GitHubAPI.concurrency", "4",
                "codeai.bulkhead.GitHubAPI.queue", "6"), Map.of());

        assertThat(source.getValue(GITHUB)).isEqualTo("4");
        assertThat(source.getValue(GITHUB_QUEUE)).isEqualTo("6");
        assertThat(source.getPropertyNames()).containsExactlyInAnyOrder(GITHUB, GITHUB_QUEUE);
    }

    @Test
    void mapsTheQueueFromTheEnvironmentWhereASystemPropertyStillWins() {
        BulkheadConfigSource source = new BulkheadConfigSource(Map.of("codeai.bulkhead.GitHubAPI.queue", "2"),
                Map.of("CODEAI_BULKHEAD_MY_API_QUEUE", "0", "CODEAI_BULKHEAD_GITHUBAPI_QUEUE", "9"));

        assertThat(source.getValue("dev.codeai.integrations.generated.MyApiBulkhead/call/Bulkhead/waitingTaskQueue"))
                .isEqualTo("0");
        assertThat(source.getValue("dev.codeai.integrations.generated.MyApiBulkhead/call/Bulkhead/value")).isNull();
        assertThat(source.getValue(GITHUB_QUEUE)).isEqualTo("2");
        assertThat(source.getValue(GITHUB)).isNull();
    }

    @Test
    void anIntegrationWhoseNameEndsLikeASettingIsStillItsOwn() {
        BulkheadConfigSource source = new BulkheadConfigSource(Map.of("codeai.bulkhead.JobQueue.concurrency", "3"),
                Map.of("CODEAI_BULKHEAD_JOB_QUEUE_QUEUE", "5"));

        assertThat(source.getValue("dev.codeai.integrations.generated.JobQueueBulkhead/call/Bulkhead/value"))
                .isEqualTo("3");
        assertThat(source.getValue("dev.codeai.integrations.generated.JobQueueBulkhead/call/Bulkhead/waitingTaskQueue"))
                .isEqualTo("5");
    }
}
