package dev.codeai.integrations.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphqlAnswerTest {

    @Test
    void carriesTheErrorsOfA200WithTheirLocationsPathAndExtensions() {
        var errors = errors(ok("{\"data\":null,\"errors\":[{\"message\":\"Not found\","
                + "\"locations\":[{\"line\":2,\"column\":3}],\"path\":[\"user\",0],\"extensions\":{\"code\":\"NOT_FOUND\"},"
                + "\"type\":\"NOT_FOUND\"}]}"));

        assertThat(errors).hasValueSatisfying(array -> {
            assertThat(array).hasSize(1);
            var error = array.getJsonObject(0);
            assertThat(error.getString("message")).isEqualTo("Not found");
            assertThat(error.getJsonArray("locations").getJsonObject(0).getInt("line")).isEqualTo(2);
            assertThat(error.getJsonArray("path").toString()).isEqualTo("[\"user\",0]");
            assertThat(error.getJsonObject("extensions").getString("code")).isEqualTo("NOT_FOUND");
            assertThat(error.getString("type")).isEqualTo("NOT_FOUND");
        });
    }

    @Test
    void dataWithoutErrorsOrAnEmptyErrorListIsNoError() {
        assertThat(errors(ok("{\"data\":{\"user\":null}}"))).isEmpty();
        assertThat(errors(ok("{\"data\":{\"user\":null},\"errors\":[]}"))).isEmpty();
    }

    @Test
    void anAnswerThatIsNotAGraphqlResponseIsPassedThrough() {
        assertThat(errors(ok("<html>maintenance</html>"))).isEmpty();
        assertThat(errors(ok("[1,2]"))).isEmpty();
        assertThat(errors(new UpstreamResponse(204, Map.of(), new byte[0]))).isEmpty();
    }

    @Test
    void onlySuccessfulAnswersAreRead() {
        assertThat(errors(new UpstreamResponse(400, Map.of(),
                "{\"errors\":[{\"message\":\"bad\"}]}".getBytes(StandardCharsets.UTF_8)))).isEmpty();
    }

    @Test
    void aCallerReceivesTheDataMember() {
        UpstreamResponse answer = ok("{\"data\":{\"viewer\":{\"login\":\"octocat\"}},\"extensions\":{\"cost\":1}}");

        UpstreamResponse data = GraphqlAnswer.data(answer, GraphqlAnswer.read(answer).orElseThrow());

        assertThat(new String(data.body(), StandardCharsets.UTF_8)).isEqualTo("{\"viewer\":{\"login\":\"octocat\"}}");
        assertThat(data.contentType()).isEqualTo("application/json");
    }

    private static java.util.Optional<jakarta.json.JsonArray> errors(UpstreamResponse response) {
        return GraphqlAnswer.read(response).flatMap(GraphqlAnswer::errors);
    }

    private static UpstreamResponse ok(String body) {
        return new UpstreamResponse(200, Map.of("Content-Type", List.of("application/json")),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
