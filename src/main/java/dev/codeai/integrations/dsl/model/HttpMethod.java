package dev.codeai.integrations.dsl.model;

/** Operation and endpoint methods; {@code INTERNAL} is computed without an HTTP request (DSL.md §5.5). */
public enum HttpMethod {
    GET, POST, PUT, PATCH, DELETE, HEAD, INTERNAL;

    /** Safe methods never carry an idempotency key. */
    public boolean safe() {
        return this == GET || this == HEAD;
    }

    /** Methods retried without an idempotency key (DSL.md §5.4). */
    public boolean idempotent() {
        return this == GET || this == HEAD || this == PUT || this == DELETE;
    }
}
