package dev.tollgate.provider.channel;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * A channel as an administrator (or the configuration) describes it, before it is checked and stored.
 *
 * @param baseUrl as typed; checked to be an absolute http(s) URL
 * @param secret a new secret, or null to keep the stored one (a new channel then has none)
 * @param models catalog model id → upstream model id; an empty upstream id means the same id
 * @param speaksResponses the upstream serves OpenAI's Responses API, which Responses callers' requests then go to as
 *     sent; only for {@code openai-compatible} channels
 */
@NamedInterface("channel")
public record ChannelDraft(
        String name,
        ChannelKind kind,
        String baseUrl,
        @Nullable String region,
        @Nullable String secret,
        Map<String, String> models,
        int priority,
        int weight,
        Duration connectTimeout,
        Duration timeout,
        boolean enabled,
        boolean speaksResponses) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public ChannelDraft {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(baseUrl);
        models = Map.copyOf(models);
        Objects.requireNonNull(connectTimeout);
        Objects.requireNonNull(timeout);
    }

    /** A draft of a channel that takes every request in its own kind's API. */
    public ChannelDraft(
            String name,
            ChannelKind kind,
            String baseUrl,
            @Nullable String region,
            @Nullable String secret,
            Map<String, String> models,
            int priority,
            int weight,
            Duration connectTimeout,
            Duration timeout,
            boolean enabled) {
        this(name, kind, baseUrl, region, secret, models, priority, weight, connectTimeout, timeout, enabled, false);
    }

    @Override
    public String toString() {
        return "ChannelDraft[name=" + name + ", kind=" + kind + ", baseUrl=" + baseUrl + ", secret="
                + (secret == null ? "unchanged" : "******") + ", models=" + models + "]";
    }
}
