package dev.codeai.integrations.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * Runs work in one JTA transaction. Resources check their input and look up what they change before they call it:
 * Liberty's transaction interceptor writes an FFDC incident for every exception that passes through it, and a
 * refused request (400, 404) is no incident.
 */
@ApplicationScoped
public class Transactions {

    @Transactional
    public <T> T required(Supplier<T> work) {
        return work.get();
    }
}
