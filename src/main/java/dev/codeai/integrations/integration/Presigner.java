package dev.codeai.integrations.integration;

import dev.codeai.integrations.platform.ApiProblem.FieldError;
import dev.codeai.integrations.platform.Jsons;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in provider of {@code method: internal} operations (DSL.md §5.5): a SigV4 presigned, path-style
 * URL {@code base_url/bucket/key}, computed without any HTTP request. Arguments {@code bucket}, {@code key},
 * {@code method} (GET or PUT), {@code expires_in} (1 to 604800 seconds) and {@code content_type} (signed for
 * PUT); the answer is {@code {url, expires_at}}.
 */
final class Presigner {

    private static final long MAX_EXPIRY_SECONDS = SigV4Signer.MAX_EXPIRY.toSeconds();

    private Presigner() {
    }

    static UpstreamResponse presign(ResolvedIntegration integration, String operation, Map<String, JsonValue> arguments,
                                    Instant now) {
        SigV4Signer signer = integration.signer().orElseThrow(() -> new IntegrationProblems.NotSupported("Operation "
                + integration.name() + "." + operation + ": method: internal needs auth: aws_signature_v4."));
        long expiresIn = ((JsonNumber) arguments.get("expires_in")).longValue();
        if (expiresIn < 1 || expiresIn > MAX_EXPIRY_SECONDS) {
            throw new IntegrationProblems.InvalidArguments(operation, List.of(new FieldError("expires_in",
                    "must be from 1 to " + MAX_EXPIRY_SECONDS + " seconds")));
        }
        String method = text(arguments.get("method"));
        Optional<String> contentType = Optional.ofNullable(arguments.get("content_type")).map(Presigner::text)
                .filter(type -> method.equals("PUT"));
        URI object = URI.create(integration.baseUrl() + "/" + PercentEncoding.encode(text(arguments.get("bucket")))
                + "/" + PercentEncoding.encodeKeepingSlashes(text(arguments.get("key"))));
        Instant signedAt = now.truncatedTo(ChronoUnit.SECONDS);
        URI url = signer.presign(method, object, Duration.ofSeconds(expiresIn), contentType, signedAt);
        byte[] body = Jsons.PROVIDER.createObjectBuilder().add("url", url.toString())
                .add("expires_at", DateTimeFormatter.ISO_INSTANT.format(signedAt.plusSeconds(expiresIn)))
                .build().toString().getBytes(StandardCharsets.UTF_8);
        return new UpstreamResponse(200, Map.of("Content-Type", List.of("application/json")), body);
    }

    private static String text(JsonValue value) {
        return ((JsonString) value).getString();
    }
}
