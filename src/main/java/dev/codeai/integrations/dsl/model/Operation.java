package dev.codeai.integrations.dsl.model;

import dev.codeai.integrations.dsl.Position;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An {@code operation} of an integration, with its computed arguments (DSL.md §5.5). {@code cacheTtl} is
 * empty when the operation says nothing (the integration's {@code default_cache_ttl} applies) and zero for
 * {@code cache: none} or {@code 0s}.
 */
public record Operation(String name, String description, HttpMethod method, Optional<String> path,
                        ObjectSchema query, Optional<GraphqlDocument> document, ObjectSchema variables,
                        ObjectSchema body, BodyType bodyType, Map<String, SecretValue> headers,
                        Optional<FieldType> returns, Optional<Duration> cacheTtl, Set<Integer> successCodes,
                        List<Argument> arguments, Position position) {

    public enum BodyType { JSON, BINARY, FORM, TEXT }

    /** A GraphQL document; {@code operationName} is the first named operation in it, if any. */
    public record GraphqlDocument(Kind kind, String text, Optional<String> operationName) {
        public enum Kind { QUERY, MUTATION }
    }

    /** True when this status counts as success: the listed codes, or any 2xx. */
    public boolean succeeded(int status) {
        return successCodes.isEmpty() ? status >= 200 && status < 300 : successCodes.contains(status);
    }
}
