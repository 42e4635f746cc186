/**
 * Glue that every feature relies on: the JAX-RS application, the database migrations that run before
 * anything touches the database, and the container-managed threads handed to fault tolerance.
 */
package dev.codeai.integrations.platform;
