/**
 * Platform events (DSL.md §5.8): published from what happens in the gateway (a circuit opening or closing,
 * later a delivery exhausted), logged, checked against the DSL's payload schema and sent to every
 * {@code publish_to} target asynchronously with retries, never delaying the code that published them.
 */
package dev.codeai.integrations.event;
