/**
 * Bearer-token security: the local signing key pair, the {@code codeai token} command that mints tokens
 * for it, and the access rules that the DSL's {@code endpoint} declarations put on each route. Tokens are
 * verified by Liberty's {@code mpJwt}; this package decides who may call what.
 */
package dev.codeai.integrations.security;
