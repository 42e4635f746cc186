package dev.codeai.integrations.integration;

/**
 * The generated bulkhead in front of one integration's fault-tolerance bean ({@link IntegrationBean}): at most
 * {@code codeai.bulkhead.<integration>.concurrency} calls in flight, a further one fails at once with SmallRye's
 * {@code BulkheadException}, which no retry and no breaker sees. Every call of an operation goes through it.
 */
public interface IntegrationBulkhead {

    UpstreamResponse call(Call call);
}
