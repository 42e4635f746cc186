/** The {@code ./codeai migrate} command: the server's Flyway migrations, run from the command line. */
package dev.codeai.integrations.migrate;
