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
 * tests sharing the application find every model on the simulator; the simulator's own channel switched as an
 * administrator switches it.
 */
public final class TestChannels {

    private static final String SIMULATOR = "simulator";

    private final ChannelService channels;
    private final Actors actors;

    public TestChannels(ChannelService channels, Actors actors) {
        this.channels = channels;
        this.actors = actors;
    }

    public ChannelView add(
            String name, ChannelKind kind, URI baseUrl, String secret, Map<String, String> models, int priority) {
        return add(name, kind, baseUrl, secret, models, priority, false);
    }

    /** An {@code openai-compatible} channel to the stand-in's {@code /v1}, first in priority. */
    public ChannelView addOpenAiCompatible(String name, UpstreamStandIn upstream, Map<String, String> models) {
        return add(name, ChannelKind.OPENAI_COMPATIBLE, upstream.baseUrl("/v1"), "sk-up", models, 0);
    }

    /** A {@code seedance} channel to the stand-in's {@code /api/v3} serving {@code model}, first in priority. */
    public ChannelView addSeedance(String name, UpstreamStandIn upstream, String model) {
        return add(
                name, ChannelKind.SEEDANCE, upstream.baseUrl("/api/v3"), "ark-" + name, Map.of(model, "seedance"), 0);
    }

    /** An {@code openai-compatible} channel marked as speaking the Responses API. */
    public ChannelView addSpeakingResponses(String name, URI baseUrl, String secret, Map<String, String> models) {
        return add(name, ChannelKind.OPENAI_COMPATIBLE, baseUrl, secret, models, 0, true);
    }

    private ChannelView add(
            String name,
            ChannelKind kind,
            URI baseUrl,
            String secret,
            Map<String, String> models,
            int priority,
            boolean speaksResponses) {
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
                true,
                speaksResponses);
        return actors.asPlatformAdmin(() -> channels.create(draft));
    }

    /** Removes every channel an administrator could remove: all but configured ones and the simulator. */
    public void removeAll() {
        actors.asPlatformAdmin(() -> channels.list().stream()
                .filter(channel -> !channel.fromConfig())
                .filter(channel -> !channel.kind().id().equals(SIMULATOR))
                .forEach(channel -> channels.delete(channel.id())));
    }

    /** The channel called {@code name}, as an administrator sees it. */
    public ChannelView named(String name) {
        return actors.asPlatformAdmin(() -> channels.list().stream()
                .filter(channel -> channel.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("There is no channel called " + name)));
    }

    /** The built-in simulator's channel. */
    public ChannelView simulator() {
        return actors.asPlatformAdmin(() -> channels.list().stream()
                .filter(channel -> channel.kind().id().equals(SIMULATOR))
                .findFirst()
                .orElseThrow(() -> new AssertionError("There is no simulator channel")));
    }

    public void switchSimulator(boolean enabled) {
        ChannelView simulator = simulator();
        actors.asPlatformAdmin(() -> channels.setEnabled(simulator.id(), enabled));
    }
}
