package dev.codeai.integrations.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeai.integrations.dsl.Loader;
import dev.codeai.integrations.dsl.model.Endpoint;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Access rules come from the DSL's endpoint declarations, with safe defaults for every other route. */
class AccessRulesTest {

    private static AccessRules rules(String dsl) {
        Loader.Result result = Loader.load("t.cai", dsl);
        assertThat(result.errors()).isEmpty();
        return AccessRules.of(result.spec().orElseThrow());
    }

    @Test
    void endpointDeclarationsDecideForTheirRoutesWhateverTheParameterNames() {
        AccessRules rules = rules("""
                endpoint GET /webhooks { auth: none }
                endpoint GET /integrations/{name}/health { auth: optional }
                endpoint POST /webhooks/deliveries/{id}/retry { roles: [operator, admin] }
                """);

        assertThat(rules.forRoute("GET", "/webhooks").auth()).isEqualTo(Endpoint.AuthMode.NONE);
        assertThat(rules.forRoute("GET", "/integrations/{integration}/health").auth()).isEqualTo(Endpoint.AuthMode.OPTIONAL);
        AccessRule retry = rules.forRoute("POST", "/webhooks//deliveries/{delivery}/retry/");
        assertThat(retry.auth()).isEqualTo(Endpoint.AuthMode.REQUIRED);
        assertThat(retry.allows(Set.of("operator"))).isTrue();
        assertThat(retry.allows(Set.of("admin", "x"))).isTrue();
        assertThat(retry.allows(Set.of("user"))).isFalse();
    }

    @Test
    void undeclaredRoutesNeedAnAuthenticatedCallerAndResetNeedsAdmin() {
        AccessRules rules = rules("");

        assertThat(rules.forRoute("GET", "/integrations/status")).isEqualTo(AccessRule.AUTHENTICATED);
        assertThat(rules.forRoute("POST", "/integrations/{name}/circuit/reset").allows(Set.of("user"))).isFalse();
        assertThat(rules.forRoute("POST", "/integrations/{name}/circuit/reset").allows(Set.of("admin"))).isTrue();
        assertThat(rules.forRoute("GET", "/ping")).isEqualTo(AccessRule.PUBLIC);
    }

    @Test
    void aDeclarationCanRelaxTheResetDefault() {
        AccessRules rules = rules("endpoint POST /integrations/{name}/circuit/reset { auth: required }");

        assertThat(rules.forRoute("POST", "/integrations/{n}/circuit/reset").allows(Set.of("user"))).isTrue();
    }
}
