package dev.codeai.integrations.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GitHubGraphQL through the SmallRye GraphQL client's request and response model: variables with defaults
 * and the operation name go out, data comes back, errors in a 200 are a 502 problem and no breaker failure,
 * and a 503 is retried for a query but not for a mutation.
 */
class GraphqlCallsIT {

    private static final String DATA = "{\"data\":{\"user\":{\"repositories\":{\"nodes\":[]}}}}";

    private final WireMockServer upstream = FakeUpstreams.server();

    @BeforeEach
    void reset() throws Exception {
        upstream.resetAll();
        Gateway.reset("GitHubGraphQL");
    }

    @Test
    void sendsTheDocumentWithVariablesAndAnswersTheDataMember() throws Exception {
        upstream.stubFor(post(urlPathEqualTo("/graphql")).willReturn(json(200, DATA)));

        HttpResponse<String> response = Gateway.invoke("GitHubGraphQL", "get_user_repos", "{\"login\":\"octocat\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"user\":{\"repositories\":{\"nodes\":[]}}}");
        upstream.verify(postRequestedFor(urlPathEqualTo("/graphql"))
                .withHeader("Authorization", equalTo("Bearer ghp_it_token_not_secret"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(containing("GetUserRepos")).withRequestBody(containing("\"login\":\"octocat\""))
                .withRequestBody(containing("\"first\":10")));
    }

    @Test
    void appliesVariableDefaultsAndNamesTheOperation() throws Exception {
        upstream.stubFor(post(urlPathEqualTo("/graphql")).willReturn(json(200, DATA)));

        assertThat(Gateway.invoke("GitHubGraphQL", "get_user_repos", "{\"login\":\"octocat\"}").statusCode()).isEqualTo(200);
        assertThat(Gateway.invoke("GitHubGraphQL", "get_user_repos", "{\"login\":\"octocat\",\"first\":3}").statusCode())
                .isEqualTo(200);

        upstream.verify(postRequestedFor(urlPathEqualTo("/graphql")).withRequestBody(equalToJson(
                "{\"variables\":{\"login\":\"octocat\",\"first\":10},\"operationName\":\"GetUserRepos\"}", true, true)));
        upstream.verify(postRequestedFor(urlPathEqualTo("/graphql")).withRequestBody(equalToJson(
                "{\"variables\":{\"login\":\"octocat\",\"first\":3},\"operationName\":\"GetUserRepos\"}", true, true)));
    }

    @Test
    void errorsInA200AreA502ProblemCarryingThemAndNoBreakerFailure() throws Exception {
        upstream.stubFor(post(urlPathEqualTo("/graphql")).willReturn(json(200, "{\"data\":null,\"errors\":["
                + "{\"message\":\"Could not resolve to a User\",\"locations\":[{\"line\":2,\"column\":3}],\"path\":[\"user\"],"
                + "\"type\":\"NOT_FOUND\",\"extensions\":{\"code\":\"NOT_FOUND\"}}]}")));

        HttpResponse<String> response = null;
        for (int i = 0; i < 6; i++) { // more than the breaker's threshold
            response = Gateway.invoke("GitHubGraphQL", "get_user_repos", "{\"login\":\"nobody\"}");
        }

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).contains("\"title\":\"GraphQL errors\"",
                "\"graphql_errors\":[{\"message\":\"Could not resolve to a User\"",
                "\"locations\":[{", "\"line\":2", "\"path\":[\"user\"]", "\"code\":\"NOT_FOUND\"", "\"type\":\"NOT_FOUND\"");
        upstream.verify(exactly(6), postRequestedFor(urlPathEqualTo("/graphql"))); // a 200 with errors is not retried
        assertThat(Gateway.get("/integrations/GitHubGraphQL/health").body()).contains("\"circuit_state\":\"closed\"");
    }

    @Test
    void a503IsRetriedForAQueryAfterItsRetryAfter() throws Exception {
        upstream.stubFor(post(urlPathEqualTo("/graphql")).inScenario("unavailable-once")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")));
        upstream.stubFor(post(urlPathEqualTo("/graphql")).inScenario("unavailable-once")
                .whenScenarioStateIs("recovered").willReturn(json(200, DATA)));

        long start = System.nanoTime();
        HttpResponse<String> response = Gateway.invoke("GitHubGraphQL", "get_user_repos", "{\"login\":\"octocat\"}");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"repositories\"");
        assertThat(elapsedMillis).as("waited for Retry-After: 1").isGreaterThanOrEqualTo(900);
        upstream.verify(exactly(2), postRequestedFor(urlPathEqualTo("/graphql")));
    }

    @Test
    void a503IsNotRetriedForAMutation() throws Exception {
        upstream.stubFor(post(urlPathEqualTo("/graphql")).willReturn(aResponse().withStatus(503)));

        HttpResponse<String> response = Gateway.invoke("GitHubGraphQL", "create_issue",
                "{\"repositoryId\":\"R_1\",\"title\":\"Broken\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.headers().firstValue("X-Integration-Attempts")).contains("1");
        assertThat(response.body()).contains("\"title\":\"Upstream failure\"", "answered HTTP 503");
        upstream.verify(exactly(1), postRequestedFor(urlPathEqualTo("/graphql"))
                .withRequestBody(containing("CreateIssue")).withRequestBody(containing("\"title\":\"Broken\"")));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
