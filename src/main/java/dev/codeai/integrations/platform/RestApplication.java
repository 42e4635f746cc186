package dev.codeai.integrations.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Serves every resource at the server root, e.g. {@code GET /integrations/status}. */
@ApplicationPath("/")
public class RestApplication extends Application {
}
