package dev.tollgate.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.simulator.SimulatorChatProvider;
import dev.tollgate.provider.simulator.SimulatorProperties;
import dev.tollgate.provider.tokens.JtokkitTokenCounter;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChatRouterTests {

    static final JtokkitTokenCounter COUNTER = new JtokkitTokenCounter();
    static final ModelId MODEL = new ModelId("aws/claude-sonnet-4-6");

    @Test
    void simulatorServesEveryModelWhileEnabled() {
        SimulatorChatProvider simulator =
                new SimulatorChatProvider(SimulatorProperties.unpaced(), COUNTER, Clock.systemUTC());

        assertThat(new ChatRouter(simulator).forModel(MODEL)).isSameAs(simulator);
    }

    @Test
    void withTheSimulatorDisabledNoModelIsServed() {
        SimulatorProperties disabled = new SimulatorProperties(false, Duration.ZERO, 0, Duration.ZERO, Duration.ZERO);
        ChatRouter router = new ChatRouter(new SimulatorChatProvider(disabled, COUNTER, Clock.systemUTC()));

        assertThatThrownBy(() -> router.forModel(MODEL))
                .isInstanceOf(NoUpstreamChannelException.class)
                .hasMessageContaining("No upstream channel serves the model 'aws/claude-sonnet-4-6'")
                .matches(e -> !((UpstreamException) e).retryable(), "is not retryable");
    }
}
