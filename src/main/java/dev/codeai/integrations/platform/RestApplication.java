package dev.codeai.integrations.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * Serves every resource at the server root, e.g. {@code GET /integrations/status}. MP-JWT makes Liberty
 * verify every bearer token; which routes need one is decided by the security package's access rules.
 */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "CodeAI Integrations", version = "1.0",
        description = "Calls the integrations of the DSL file with their policies, and manages them."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "A MicroProfile JWT whose groups claim carries the roles; ./codeai token prints one.")
@LoginConfig(authMethod = "MP-JWT", realmName = "codeai")
public class RestApplication extends Application {
}
