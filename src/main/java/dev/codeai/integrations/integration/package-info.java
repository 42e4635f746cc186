/**
 * Integrations from the DSL at run time: the catalog loaded from the bundled file, the generated
 * fault-tolerance beans' single HTTP attempt (GraphQL bodies and answers encoded and read by the SmallRye
 * GraphQL client's request/response model), call statistics, circuit state and the management resource.
 */
package dev.codeai.integrations.integration;
