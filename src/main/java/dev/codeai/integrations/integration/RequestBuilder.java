package dev.codeai.integrations.integration;

import dev.codeai.integrations.dsl.Templates;
import dev.codeai.integrations.dsl.model.Argument;
import dev.codeai.integrations.dsl.model.Auth;
import dev.codeai.integrations.dsl.model.HttpMethod;
import dev.codeai.integrations.dsl.model.Integration;
import dev.codeai.integrations.dsl.model.Operation;
import dev.codeai.integrations.dsl.model.SecretValue;
import dev.codeai.integrations.platform.Jsons;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the HTTP request of one attempt of a rest or graphql call (DSL.md §5.4–5.5): URL from base_url,
 * path template and query arguments; headers by precedence (integration, operation, auth); JSON, form or
 * GraphQL body (the latter encoded by {@link GraphqlRequest}), signed with SigV4 for
 * {@code aws_signature_v4}. A pure function of the call and the time, so every attempt is built afresh.
 */
final class RequestBuilder {

    private RequestBuilder() {
    }

    static HttpRequest build(Call call, java.time.Duration timeout) {
        ResolvedIntegration integration = call.integration();
        Operation op = call.operation();
        boolean graphql = op.document().isPresent();
        List<String> query = new ArrayList<>();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        putHeaders(headers, integration.model().headers(), call);
        putHeaders(headers, op.headers(), call);
        applyAuth(integration, headers, query);
        String body = null;
        if (graphql) {
            body = GraphqlRequest.body(call);
            headers.put("Content-Type", "application/json");
        } else {
            for (Argument a : op.arguments()) {
                JsonValue v = call.arguments().get(a.name());
                if (a.source() == Argument.Source.QUERY && v != null) {
                    addQuery(query, a.name(), v);
                }
            }
            body = restBody(call, headers);
        }
        call.idempotencyKey().filter(k -> !op.method().safe())
                .ifPresent(k -> headers.put(integration.model().idempotency().map(i -> i.header())
                        .orElse("Idempotency-Key"), k));
        boolean signed = integration.model().auth() instanceof Auth.AwsSigV4;
        String path = graphql ? "" : fillPath(op.path().orElse(""), call, signed);
        URI uri = URI.create(integration.baseUrl() + path + (query.isEmpty() ? "" : (path.contains("?") ? "&" : "?")
                + String.join("&", query)));
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        String method = graphql ? "POST" : op.method().name();
        integration.signer().ifPresent(signer -> headers.putAll(signer.sign(method, uri, headers,
                call.payload().isPresent() ? SigV4Signer.UNSIGNED_PAYLOAD
                        : SigV4Signer.sha256Hex(bytes == null ? new byte[0] : bytes), Instant.now())));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
        headers.forEach(request::header);
        request.method(method, publisher(call, bytes));
        return request.build();
    }

    /** A binary call's payload from its file, afresh for each attempt; else the encoded body, if any. */
    private static HttpRequest.BodyPublisher publisher(Call call, byte[] body) {
        if (call.payload().isPresent()) {
            try {
                return HttpRequest.BodyPublishers.ofFile(call.payload().get().file());
            } catch (java.io.FileNotFoundException e) {
                throw new java.io.UncheckedIOException("the call's payload is gone", e);
            }
        }
        return body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
    }

    private static void putHeaders(Map<String, String> headers, Map<String, SecretValue> values, Call call) {
        values.forEach((name, value) -> headers.put(name,
                Templates.fill(call.integration().resolve(value), placeholder -> text(call.arguments().get(placeholder)))));
    }

    private static void applyAuth(ResolvedIntegration integration, Map<String, String> headers, List<String> query) {
        Auth auth = integration.model().auth();
        if (auth instanceof Auth.Bearer b) {
            headers.put("Authorization", "Bearer " + integration.resolve(b.token()));
        } else if (auth instanceof Auth.ApiKey k) {
            String key = integration.resolve(k.key());
            if (k.placement() == Auth.ApiKey.Placement.HEADER) {
                headers.put(k.name(), key);
            } else {
                query.add(PercentEncoding.encode(k.name()) + "=" + PercentEncoding.encode(key));
            }
        } else if (auth instanceof Auth.Basic b) {
            String pair = integration.resolve(b.user()) + ":" + integration.resolve(b.password());
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static String restBody(Call call, Map<String, String> headers) {
        Operation op = call.operation();
        if (op.body().isEmpty() || op.method() == HttpMethod.GET || op.method() == HttpMethod.HEAD) {
            return null;
        }
        if (op.bodyType() == Operation.BodyType.FORM) {
            Map<String, JsonValue> fields = new LinkedHashMap<>();
            op.body().fields().keySet().forEach(name -> {
                JsonValue v = call.arguments().get(name);
                if (v != null) {
                    fields.put(name, v);
                }
            });
            headers.putIfAbsent("Content-Type", "application/x-www-form-urlencoded");
            return FormBody.of(fields);
        }
        JsonObjectBuilder json = Jsons.PROVIDER.createObjectBuilder();
        op.body().fields().keySet().forEach(name -> {
            JsonValue v = call.arguments().get(name);
            if (v != null) {
                json.add(name, v);
            }
        });
        headers.putIfAbsent("Content-Type", "application/json");
        return json.build().toString();
    }

    /** Values encoded as one path segment; for SigV4 a {@code /} is kept, each piece encoded (DSL.md §5.5). */
    private static String fillPath(String template, Call call, boolean keepSlashes) {
        return Templates.fill(template, name -> {
            JsonValue v = call.arguments().get(name);
            if (v == null) {
                return null;
            }
            if (!keepSlashes) {
                return PercentEncoding.encode(text(v));
            }
            return PercentEncoding.encodeKeepingSlashes(text(v));
        });
    }

    private static void addQuery(List<String> query, String name, JsonValue value) {
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            value.asJsonArray().forEach(item -> query.add(PercentEncoding.encode(name) + "="
                    + PercentEncoding.encode(text(item))));
        } else {
            query.add(PercentEncoding.encode(name) + "=" + PercentEncoding.encode(text(value)));
        }
    }

    private static String text(JsonValue value) {
        if (value == null) {
            return null;
        }
        return value instanceof JsonString s ? s.getString() : value.toString();
    }

    /** The integrations this builder can send today; the others answer 501 with the reason. */
    static java.util.Optional<String> unsupported(Integration integration, Operation op) {
        if (op.method() == HttpMethod.INTERNAL && !(integration.auth() instanceof Auth.AwsSigV4)) {
            return java.util.Optional.of("method: internal needs auth: aws_signature_v4");
        }
        if (op.bodyType() == Operation.BodyType.TEXT) {
            return java.util.Optional.of("body_type " + op.bodyType().name().toLowerCase(java.util.Locale.ROOT)
                    + " is not available yet");
        }
        return java.util.Optional.empty();
    }
}
