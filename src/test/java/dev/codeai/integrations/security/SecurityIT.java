package dev.codeai.integrations.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeai.integrations.integration.Gateway;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route with every kind of caller: no token, garbage, expired, signed by another key, for another
 * audience, a user and an admin. Each answer has the expected status, and each refusal is a problem.
 */
class SecurityIT {

    private static final Map<String, Supplier<Optional<String>>> CALLERS = Map.of(
            "no token", Optional::empty,
            "garbage", () -> Optional.of("not.a.jwt"),
            "expired", () -> Optional.of(TestTokens.expired()),
            "another key", () -> Optional.of(TestTokens.signedByAnotherKey()),
            "another audience", () -> Optional.of(TestTokens.otherAudience()),
            "user", () -> Optional.of(TestTokens.user()),
            "admin", () -> Optional.of(TestTokens.admin()));

    private record Route(String method, String path, int user, int admin) {
    }

    private static final List<Route> PROTECTED = List.of(
            new Route("GET", "/integrations/status", 200, 200),
            new Route("GET", "/integrations/GitHubAPI/health", 200, 200),
            new Route("POST", "/integrations/GitHubAPI/circuit/reset", 403, 200),
            new Route("POST", "/integrations/GitHubAPI/operations/no_such_operation", 404, 404),
            new Route("GET", "/platform/migrations", 200, 200));

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Route route : PROTECTED) {
            for (String caller : CALLERS.keySet()) {
                int expected = switch (caller) {
                    case "user" -> route.user();
                    case "admin" -> route.admin();
                    default -> 401;
                };
                cases.add(Arguments.of(route.method(), route.path(), caller, expected));
            }
        }
        for (String caller : CALLERS.keySet()) {
            cases.add(Arguments.of("GET", "/ping", caller, 200)); // public
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
    @MethodSource("cases")
    void answersEachCallerAsItsRuleSays(String method, String path, String caller, int expected) throws Exception {
        HttpResponse<String> response = Gateway.send(method, path, CALLERS.get(caller).get(),
                method.equals("POST") ? Optional.of("application/json") : Optional.empty(), "{}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            JsonObject problem = Json.createReader(new StringReader(response.body())).readObject();
            assertThat(problem.getInt("status")).isEqualTo(expected);
            assertThat(problem.getString("instance")).isEqualTo(path);
            assertThat(problem.getString("detail")).isNotBlank();
        }
        if (expected == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Bearer"));
        }
        if (expected == 403) {
            assertThat(response.body()).contains("admin");
        }
    }
}
