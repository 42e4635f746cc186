package dev.codeai.integrations.integration;

/**
 * The generated fault-tolerance boundary of one integration: {@link #call} makes one HTTP attempt and
 * its MicroProfile Fault Tolerance annotations (from the DSL) add timeout, retries and the breaker.
 */
public interface IntegrationBean {

    UpstreamResponse call(Call call);
}
