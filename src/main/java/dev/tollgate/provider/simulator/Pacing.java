package dev.tollgate.provider.simulator;

import java.time.Duration;

/** When the simulated events are due: the first after {@code firstEvent}, then one token per {@code perToken}. */
record Pacing(Duration firstEvent, Duration perToken) {

    static final Pacing NONE = new Pacing(Duration.ZERO, Duration.ZERO);

    static Pacing of(SimulatorProperties properties) {
        if (properties.tokensPerSecond() == 0) {
            return NONE;
        }
        return new Pacing(properties.firstTokenDelay(), Duration.ofSeconds(1).dividedBy(properties.tokensPerSecond()));
    }

    /** Nanoseconds after the stream starts at which the event following {@code tokensBefore} output tokens is due. */
    long dueAfterNanos(long tokensBefore) {
        return firstEvent.toNanos() + perToken.toNanos() * tokensBefore;
    }
}
