package dev.codeai.integrations.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeai.integrations.dsl.syntax.BlockValue;
import dev.codeai.integrations.dsl.syntax.CallValue;
import dev.codeai.integrations.dsl.syntax.Declaration;
import dev.codeai.integrations.dsl.syntax.FieldSpec;
import dev.codeai.integrations.dsl.syntax.IndexSpec;
import dev.codeai.integrations.dsl.syntax.ListValue;
import dev.codeai.integrations.dsl.syntax.LooseValue;
import dev.codeai.integrations.dsl.syntax.NamedType;
import dev.codeai.integrations.dsl.syntax.ObjectType;
import dev.codeai.integrations.dsl.syntax.Property;
import dev.codeai.integrations.dsl.syntax.RefValue;
import dev.codeai.integrations.dsl.syntax.RetryPhrase;
import dev.codeai.integrations.dsl.syntax.Scalar;
import dev.codeai.integrations.dsl.syntax.SourceFile;
import dev.codeai.integrations.dsl.syntax.ThresholdPhrase;
import dev.codeai.integrations.dsl.syntax.TypedBlockValue;
import dev.codeai.integrations.dsl.syntax.Value;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The syntax tree of DSL.md §3–§4: declarations, properties, phrases, types, positions and recovery. */
class ParserTest {

    private final Diagnostics diagnostics = new Diagnostics();

    private SourceFile parse(String text) {
        return Parser.parse("t.cai", text, diagnostics);
    }

    private List<String> diagnostics() {
        return diagnostics.sorted().stream().map(d -> d.position().line() + ":" + d.position().column() + " "
                + d.severity().label() + " " + d.code()).toList();
    }

    private static Value value(List<Property> properties, String key) {
        return properties.stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow().value();
    }

    private static String at(Value v) {
        return v.position().line() + ":" + v.position().column();
    }

    @Test
    void integrationWithPhrasesCallsRefsAndOperations() {
        SourceFile file = parse("""
                integration A {
                  type: rest
                  retry: 3 times with exponential_backoff
                  circuit_breaker { threshold: 5 failures in 1m  reset_after: 30s }
                  auth: bearer(env(TOKEN, "d"))
                  signature { secret_from: endpoint.secret }
                  operation get_user { path: "/u/{id}"  query { page: integer, default(1) } }
                }
                """);
        assertThat(diagnostics()).isEmpty();
        Declaration.Integration a = (Declaration.Integration) file.declarations().get(0);
        assertThat(a.name()).isEqualTo("A");
        assertThat(((Scalar) value(a.properties(), "type")).isName("rest")).isTrue();

        RetryPhrase retry = (RetryPhrase) value(a.properties(), "retry");
        assertThat(retry.count()).isEqualTo(3);
        assertThat(retry.strategy()).isEqualTo("exponential_backoff");
        assertThat(at(retry)).isEqualTo("3:10");

        BlockValue breaker = (BlockValue) value(a.properties(), "circuit_breaker");
        ThresholdPhrase threshold = (ThresholdPhrase) value(breaker.properties(), "threshold");
        assertThat(threshold.count()).isEqualTo(5);
        assertThat(threshold.consecutive()).isFalse();
        assertThat(threshold.window()).contains(Duration.ofMinutes(1));
        assertThat(((Scalar) value(breaker.properties(), "reset_after")).value()).isEqualTo(Duration.ofSeconds(30));

        CallValue bearer = (CallValue) value(a.properties(), "auth");
        CallValue env = (CallValue) bearer.args().get(0).value();
        assertThat(env.name()).isEqualTo("env");
        assertThat(env.args()).extracting(arg -> ((Scalar) arg.value()).value()).containsExactly("TOKEN", "d");

        RefValue ref = (RefValue) value(((BlockValue) value(a.properties(), "signature")).properties(), "secret_from");
        assertThat(ref.parts()).containsExactly("endpoint", "secret");

        Declaration.Operation op = a.operations().get(0);
        assertThat(op.name()).isEqualTo("get_user");
        assertThat(op.position().line()).isEqualTo(7);
        ObjectType query = (ObjectType) value(op.properties(), "query");
        assertThat(query.fields().get(0).name()).isEqualTo("page");
        assertThat(query.fields().get(0).modifiers().get(0).name()).isEqualTo("default");
    }

    @Test
    void entityMembersDocumentationFieldsAndIndexes() {
        SourceFile file = parse("""
                entity E {
                  description: "doc"
                  description: text, optional
                  tags: list(string), optional
                  index: [id, tags] unique
                }
                """);
        assertThat(diagnostics()).isEmpty();
        List<Property> members = ((Declaration.Entity) file.declarations().get(0)).members();
        assertThat(members).extracting(Property::key).containsExactly("description", "description", "tags", "index");
        assertThat(members.get(0).value()).isInstanceOf(Scalar.class);
        assertThat(members.get(1).value()).isInstanceOf(FieldSpec.class);
        NamedType list = (NamedType) ((FieldSpec) members.get(2).value()).field().type();
        assertThat(list.name()).isEqualTo("list");
        assertThat(((NamedType) list.args().get(0)).name()).isEqualTo("string");
        IndexSpec index = (IndexSpec) members.get(3).value();
        assertThat(index.unique()).isTrue();
        assertThat(index.fields()).extracting(Scalar::text).containsExactly("id", "tags");
    }

    @Test
    void endpointAndEventDeclarations() {
        SourceFile file = parse("""
                endpoint POST /x/{id} { auth: required  roles: [admin]  on_success: emit(Ev) }
                event Ev { payload { id: uuid }  publish_to: [slack("#c"), webhook("w")] }
                """);
        assertThat(diagnostics()).isEmpty();
        Declaration.Endpoint endpoint = (Declaration.Endpoint) file.declarations().get(0);
        assertThat(endpoint.method()).isEqualTo("POST");
        assertThat(endpoint.path()).isEqualTo("/x/{id}");
        assertThat(endpoint.pathPosition().column()).isEqualTo(15);
        assertThat(((ListValue) value(endpoint.properties(), "roles")).items()).hasSize(1);
        Declaration.Event event = (Declaration.Event) file.declarations().get(1);
        assertThat(value(event.properties(), "payload")).isInstanceOf(ObjectType.class);
        assertThat(((ListValue) value(event.properties(), "publish_to")).items())
                .extracting(v -> ((CallValue) v).name()).containsExactly("slack", "webhook");
    }

    @Test
    void typedBlocksKeepTheirTypeName() {
        SourceFile file = parse("integration E { auth: aws_signature_v4 { region: \"r\" } }");
        TypedBlockValue auth = (TypedBlockValue) value(((Declaration.Integration) file.declarations().get(0))
                .properties(), "auth");
        assertThat(auth.type()).isEqualTo("aws_signature_v4");
        assertThat(auth.block().properties()).extracting(Property::key).containsExactly("region");
    }

    @Test
    void foreignDeclarationsAreSkippedWithAWarning() {
        SourceFile file = parse("workflow W { anything { goes } here }\nconfig { }");
        assertThat(file.declarations()).hasSize(1).first().isInstanceOf(Declaration.Config.class);
        assertThat(diagnostics()).containsExactly("1:1 warning foreign-declaration");
    }

    @Test
    void unknownPropertyKeepsItsLooseValueToTheEndOfTheLine() {
        SourceFile file = parse("integration B { type: rest  zzz: some loose words\n  base_url: \"u\" }");
        List<Property> properties = ((Declaration.Integration) file.declarations().get(0)).properties();
        assertThat(properties).extracting(Property::key).containsExactly("type", "zzz", "base_url");
        assertThat(((LooseValue) value(properties, "zzz")).text()).isEqualTo("some loose words");
        assertThat(diagnostics()).containsExactly("1:29 warning unknown-property");
    }

    @Test
    void recoversAtTheNextPropertyAndTheNextDeclaration() {
        SourceFile file = parse("""
                integration C { type: rest  timeout: }
                integration D { type: rest  base_url: "u"  retry: many times  timeout: 5s }
                """);
        assertThat(file.declarations()).hasSize(2);
        List<Property> d = ((Declaration.Integration) file.declarations().get(1)).properties();
        assertThat(d).extracting(Property::key).containsExactly("type", "base_url", "timeout");
        assertThat(diagnostics()).containsExactly("1:38 error syntax", "2:51 error syntax");
    }

    @Test
    void misspelledDeclarationKeywordSuggestsTheRightOne() {
        parse("intgration X { }\nintegration Y { type: rest }");
        assertThat(diagnostics.sorted().get(0).message()).contains("did you mean 'integration'");
        assertThat(diagnostics()).containsExactly("1:1 error misspelled-keyword");
    }

    @Test
    void duplicatePropertiesAndOperationsAreErrors() {
        parse("integration A { type: rest  type: graphql\n operation x { }  operation x { } }");
        assertThat(diagnostics()).containsExactly("1:29 error duplicate-property", "2:19 error duplicate-operation");
    }

    @Test
    void semicolonSeparatesPropertiesWithAStyleWarning() {
        SourceFile file = parse("config { name: \"gateway\"; version: \"1.0\" }");
        assertThat(((Declaration.Config) file.declarations().get(0)).properties()).hasSize(2);
        assertThat(diagnostics()).containsExactly("1:25 warning semicolon-separator");
    }

    @Test
    void missingClosingBraceIsReportedAtTheEndOfTheFile() {
        parse("integration A {\n  type: rest\n");
        assertThat(diagnostics()).containsExactly("3:1 error syntax");
    }
}
