package dev.codeai.integrations.integration;

import dev.codeai.integrations.dsl.model.Operation;
import io.smallrye.graphql.client.impl.RequestImpl;
import jakarta.json.JsonValue;

/**
 * The body of a graphql attempt (DSL.md §5.5), encoded by the SmallRye GraphQL client's own request model:
 * the document, the declared variables the call has a value for (defaults already applied by
 * {@link Arguments}) and the document's operation name. The HTTP exchange itself stays {@link Upstream}'s,
 * so timeouts, status classification and Retry-After are the same as for rest calls.
 */
final class GraphqlRequest {

    private GraphqlRequest() {
    }

    /** The JSON body {@code {"query": …, "variables": {…}, "operationName": …}} of one attempt of the call. */
    static String body(Call call) {
        Operation.GraphqlDocument doc = call.operation().document().orElseThrow();
        RequestImpl request = new RequestImpl(doc.text());
        call.operation().variables().fields().keySet().forEach(name -> {
            JsonValue value = call.arguments().get(name);
            if (value != null) {
                request.setVariable(name, value);
            }
        });
        doc.operationName().ifPresent(request::setOperationName);
        return request.toJson();
    }
}
