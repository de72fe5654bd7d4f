package dev.tollgate.provider.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/** The order channels are tried in: priorities strictly, weights as shares of who goes first. */
class RoutePlanTests {

    static final RoutingProperties ROUTING = new RoutingProperties(
            4, Duration.ofSeconds(10), 50, 5, 20, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(5));

    final RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(42);

    @Test
    void aLowerPriorityNumberIsAlwaysTriedFirstWhateverTheWeights() {
        LiveChannel backup = channel("backup", 1, 1000);
        LiveChannel primary = channel("primary", 0, 1);

        for (int i = 0; i < 200; i++) {
            assertThat(RoutePlan.order(List.of(backup, primary), random))
                    .extracting(LiveChannel::name)
                    .containsExactly("primary", "backup");
        }
    }

    @Test
    void withinAPriorityEachChannelGoesFirstInProportionToItsWeight() {
        LiveChannel heavy = channel("heavy", 0, 3);
        LiveChannel light = channel("light", 0, 1);
        int draws = 8000;
        int heavyFirst = 0;
        for (int i = 0; i < draws; i++) {
            List<LiveChannel> order = RoutePlan.order(List.of(light, heavy), random);
            assertThat(order).hasSize(2);
            if (order.getFirst() == heavy) {
                heavyFirst++;
            }
        }

        assertThat(heavyFirst / (double) draws).isBetween(0.72, 0.78);
    }

    private static LiveChannel channel(String name, int priority, int weight) {
        ChannelRow row = new ChannelRow(
                new ChannelId(UUID.randomUUID()),
                name,
                ChannelKind.OPENAI_COMPATIBLE,
                URI.create("https://" + name + ".example/v1"),
                null,
                null,
                Map.of("aws/claude-haiku-4-5", "haiku"),
                priority,
                weight,
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                true,
                false,
                false,
                Instant.EPOCH);
        return new LiveChannel(
                row,
                new ChannelClients(null, null, null, () -> {}),
                new ChannelGuard(
                        row.id(),
                        name,
                        ROUTING,
                        new ChannelCooldowns(Optional.empty(), Clock.systemUTC()),
                        Clock.systemUTC()));
    }
}
