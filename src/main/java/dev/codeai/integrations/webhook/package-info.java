/**
 * Application-managed webhook endpoints and their deliveries (DSL.md §5.6): for now the endpoint secrets and
 * the signature headers of each delivery attempt (§5.4 signature rules), in plain Java.
 */
package dev.codeai.integrations.webhook;
