package dev.codeai.integrations.dsl.syntax;

import dev.codeai.integrations.dsl.Position;
import java.time.Duration;
import java.util.Optional;

/** {@code N failures [in D]} or {@code N consecutive failures}. */
public record ThresholdPhrase(long count, boolean consecutive, Optional<Duration> window, Position windowPosition,
                              Position position) implements Value {

    @Override
    public String describe() {
        return "'" + count + " failures'";
    }
}
