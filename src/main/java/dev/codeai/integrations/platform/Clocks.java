package dev.codeai.integrations.platform;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one clock of the application; logic takes it by injection so tests can drive time. */
@jakarta.enterprise.context.ApplicationScoped
public class Clocks {

    @Produces
    @Singleton
    Clock systemClock() {
        return Clock.systemUTC();
    }
}
