package dev.tollgate.provider.simulator;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the simulator behaves ({@code tollgate.simulator.*}).
 *
 * @param enabled the position of the simulator channel's switch at every start, when set; the switch is then the
 *     configuration's, not the administrators'. Unset, administrators switch the simulator in the admin view or API,
 *     and it is on when its channel is first made
 * @param firstTokenDelay the wait before a reply's first event; zero for none
 * @param tokensPerSecond output speed after the first event; 0 turns pacing off entirely (first delay included), for
 *     benchmarks and tests
 * @param imageDelay how long an image generation takes
 * @param videoDelay how long a video generation takes
 */
@ConfigurationProperties("tollgate.simulator")
public record SimulatorProperties(
        @Nullable Boolean enabled,
        @DefaultValue("400ms") Duration firstTokenDelay,
        @DefaultValue("80") int tokensPerSecond,
        @DefaultValue("3s") Duration imageDelay,
        @DefaultValue("20s") Duration videoDelay) {

    public SimulatorProperties {
        if (firstTokenDelay.isNegative() || imageDelay.isNegative() || videoDelay.isNegative()) {
            throw new IllegalArgumentException("Simulator delays are not negative");
        }
        if (tokensPerSecond < 0) {
            throw new IllegalArgumentException("tokens-per-second is 0 (no pacing) or more");
        }
    }

    /** No waiting at all: replies arrive as fast as they can be pulled. */
    public static SimulatorProperties unpaced() {
        return new SimulatorProperties(null, Duration.ZERO, 0, Duration.ZERO, Duration.ZERO);
    }
}
