package dev.tollgate.support;

import dev.tollgate.provider.channel.ChannelDraft;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.provider.channel.ChannelView;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Upstream channels for a test, made the way an administrator makes them, and removed again afterwards so the other
 * tests sharing the application find every model on the simulator.
 */
public final class TestChannels {

    private final ChannelService channels;
    private final Actors actors;

    public TestChannels(ChannelService channels, Actors actors) {
        this.channels = channels;
        this.actors = actors;
    }

    public ChannelView add(
            String name, ChannelKind kind, URI baseUrl, String secret, Map<String, String> models, int priority) {
        ChannelDraft draft = new ChannelDraft(
                name,
                kind,
                baseUrl.toString(),
                kind == ChannelKind.BEDROCK ? "us-east-1" : null,
                secret,
                models,
                priority,
                1,
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                true);
        return actors.asPlatformAdmin(() -> channels.create(draft));
    }

    public void removeAll() {
        actors.asPlatformAdmin(() -> channels.list().stream()
                .filter(channel -> !channel.fromConfig())
                .forEach(channel -> channels.delete(channel.id())));
    }
}
