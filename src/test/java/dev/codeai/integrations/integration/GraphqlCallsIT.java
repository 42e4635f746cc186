package dev.codeai.integrations.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GitHubGraphQL: variables with defaults go out, data comes back, and errors in a 200 are a 502 problem. */
class GraphqlCallsIT {

    private final WireMockServer upstream = FakeUpstreams.server();

    @BeforeEach
    void reset() throws Exception {
        upstream.resetAll();
        Gateway.resetCircuit("GitHubGraphQL");
    }

    @Test
    void sendsTheDocumentWithVariablesAndPassesTheDataThrough() throws Exception {
        upstream.stubFor(post(urlPathEqualTo("/graphql")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"data\":{\"user\":{\"repositories\":{\"nodes\":[]}}}}")));

        HttpResponse<String> response = Gateway.invoke("GitHubGraphQL", "get_user_repos", "{\"login\":\"octocat\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"repositories\"");
        upstream.verify(postRequestedFor(urlPathEqualTo("/graphql"))
                .withHeader("Authorization", equalTo("Bearer ghp_it_token_not_secret"))
                .withRequestBody(containing("GetUserRepos")).withRequestBody(containing("\"login\":\"octocat\""))
                .withRequestBody(containing("\"first\":10")));
    }

    @Test
    void errorsInA200AreA502ProblemCarryingThemAndNoBreakerFailure() throws Exception {
        upstream.stubFor(post(urlPathEqualTo("/graphql")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"data\":null,\"errors\":[{\"message\":\"Could not resolve to a User\",\"path\":[\"user\"]}]}")));

        HttpResponse<String> response = null;
        for (int i = 0; i < 6; i++) { // more than the breaker's threshold
            response = Gateway.invoke("GitHubGraphQL", "get_user_repos", "{\"login\":\"nobody\"}");
        }

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).contains("\"title\":\"GraphQL errors\"",
                "\"graphql_errors\":[{\"message\":\"Could not resolve to a User\"");
        assertThat(Gateway.get("/integrations/GitHubGraphQL/health").body()).contains("\"circuit_state\":\"closed\"");
    }
}
