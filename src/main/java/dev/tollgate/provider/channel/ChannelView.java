package dev.tollgate.provider.channel;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * A channel as the admin view and API show it: everything but the secret, of which only its presence is told.
 *
 * @param baseUrl where the upstream's API starts; none for the built-in simulator
 * @param models catalog model id → the upstream's id for it; empty for the simulator, which serves every model
 * @param speaksResponses the upstream serves OpenAI's Responses API, and Responses callers' requests go to it as sent
 * @param fromConfig defined under {@code tollgate.channels} (for the simulator: switched by
 *     {@code tollgate.simulator.enabled}); replaced from there at every start, so not editable
 */
@NamedInterface("channel")
public record ChannelView(
        ChannelId id,
        String name,
        ChannelKind kind,
        @Nullable URI baseUrl,
        @Nullable String region,
        boolean hasSecret,
        Map<String, String> models,
        int priority,
        int weight,
        Duration connectTimeout,
        Duration timeout,
        boolean enabled,
        boolean speaksResponses,
        boolean fromConfig,
        Instant updatedAt) {}
