package dev.tollgate.observability;

import dev.tollgate.provider.channel.ChannelCircuits;
import dev.tollgate.provider.channel.ChannelHealth;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.Set;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Each channel's circuit on this instance: 0 closed, 1 half-open, 2 open. The value is read from the breaker at every
 * scrape; the set of channels is looked at again every few seconds, so added, renamed and deleted channels follow.
 */
@Component
class ChannelCircuitGauges {

    static final String CIRCUIT_STATE = "tollgate.channel.circuit.state";

    private final ChannelCircuits circuits;
    private final MultiGauge gauge;
    private volatile Set<String> channels = Set.of();

    ChannelCircuitGauges(ChannelCircuits circuits, MeterRegistry registry) {
        this.circuits = circuits;
        this.gauge = MultiGauge.builder(CIRCUIT_STATE)
                .description("A channel's circuit breaker on this instance: 0 closed, 1 half-open, 2 open")
                .register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "${tollgate.metrics.channel-refresh-interval:10s}")
    void followChannels() {
        Set<String> now = circuits.byChannel().keySet();
        if (now.equals(channels)) {
            return;
        }
        channels = Set.copyOf(now);
        gauge.register(
                now.stream()
                        .map(name -> MultiGauge.Row.of(Tags.of("channel", name), () -> state(name)))
                        .toList(),
                true);
    }

    private double state(String channel) {
        ChannelHealth.Circuit circuit = circuits.byChannel().get(channel);
        return circuit == null ? Double.NaN : value(circuit);
    }

    static int value(ChannelHealth.Circuit circuit) {
        return switch (circuit) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }
}
