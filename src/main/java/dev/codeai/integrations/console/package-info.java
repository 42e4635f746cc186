/**
 * The web console: its files (plain ES modules and CSS in {@code src/main/webapp/console}) served from the WAR at
 * {@code /console/}. The console is a client of the same JAX-RS API with the same bearer tokens; it has no server
 * logic of its own beyond serving these files.
 */
package dev.codeai.integrations.console;
