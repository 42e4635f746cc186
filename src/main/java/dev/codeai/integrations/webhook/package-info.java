/**
 * The webhook delivery engine (DSL.md §5.6): application-managed endpoints, publishing and fan-out, signed
 * deliveries (§5.4 signature rules) claimed from the database and retried on a stored schedule, the per-endpoint
 * breaker, dead letters, and the SSRF guard that decides whether an endpoint URL may be stored and, after DNS
 * resolution, whether a delivery may go to it.
 */
package dev.codeai.integrations.webhook;
