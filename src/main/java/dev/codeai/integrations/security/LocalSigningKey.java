package dev.codeai.integrations.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the local signing key pair at the first start when {@code mp.jwt.verify.publickey.location} names
 * a local file that does not exist yet (the default set-up). With a real identity provider the location is
 * an https URL, or {@code mp.jwt.verify.publickey} holds the key, and nothing is created.
 */
@ApplicationScoped
public class LocalSigningKey {

    private static final Logger LOG = Logger.getLogger(LocalSigningKey.class.getName());

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> location;

    void createOnFirstStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        location.flatMap(LocalSigningKey::localFile).map(SigningKeys::new).ifPresent(keys -> {
            if (keys.createIfMissing()) {
                LOG.info(() -> "Created the local token signing key pair: " + keys.publicKeyFile()
                        + " (./codeai token signs with the private key beside it)");
            }
        });
    }

    /** The path when {@code location} is a plain path or a {@code file:} URL. */
    static Optional<Path> localFile(String location) {
        if (location.isBlank()) {
            return Optional.empty();
        }
        if (location.startsWith("file:")) {
            return Optional.of(Path.of(URI.create(location)));
        }
        return location.contains(":") && !location.matches("^[A-Za-z]:[\\\\/].*") ? Optional.empty()
                : Optional.of(Path.of(location));
    }
}
