package dev.tollgate.provider.channel;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.UpstreamException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything an adapter needs to call one upstream channel.
 *
 * @param baseUrl where the upstream's API starts, e.g. {@code https://api.openai.com/v1}
 * @param secret the channel's credential (API key; for Bedrock {@code accessKeyId:secretAccessKey}), or none (Bedrock
 *     then uses the default AWS credential chain)
 * @param region the AWS region, for Bedrock
 * @param models catalog model id → the upstream's own id for it; the channel serves exactly these models
 * @param connectTimeout how long connecting may take
 * @param timeout how long the upstream may take to start answering (headers, or the first event of a stream)
 * @param speaksResponses an OpenAI-compatible upstream that serves the Responses API ({@code /responses}): a Responses
 *     caller's request goes there as sent rather than translated to Chat Completions
 */
public record ChannelConfig(
        String name,
        ChannelKind kind,
        URI baseUrl,
        @Nullable ChannelSecret secret,
        @Nullable String region,
        Map<String, String> models,
        Duration connectTimeout,
        Duration timeout,
        boolean speaksResponses) {

    public ChannelConfig {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(baseUrl);
        models = Map.copyOf(models);
        Objects.requireNonNull(connectTimeout);
        Objects.requireNonNull(timeout);
    }

    /** A channel that takes every request in its own kind's API. */
    public ChannelConfig(
            String name,
            ChannelKind kind,
            URI baseUrl,
            @Nullable ChannelSecret secret,
            @Nullable String region,
            Map<String, String> models,
            Duration connectTimeout,
            Duration timeout) {
        this(name, kind, baseUrl, secret, region, models, connectTimeout, timeout, false);
    }

    /** The upstream's id for a catalog model this channel serves. */
    public Optional<String> upstreamModel(ModelId model) {
        return Optional.ofNullable(models.get(model.value()));
    }

    /**
     * The upstream's id for a catalog model; routing only sends a channel the models it maps.
     *
     * @throws UpstreamException (not retryable) when the channel does not map the model
     */
    public String requireUpstreamModel(ModelId model) {
        return upstreamModel(model)
                .orElseThrow(() -> new UpstreamException(
                        "Channel '" + name + "' does not serve the model '" + model + "'", false));
    }

    /** The base URL with {@code path} appended, whatever slashes either carries. */
    public URI resolve(String path) {
        String base = baseUrl.toString();
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return URI.create(trimmed + (path.startsWith("/") ? path : "/" + path));
    }

    /** The secret's value, for the adapter that sends it; empty when the channel has none. */
    public Optional<String> secretValue() {
        return Optional.ofNullable(secret).map(ChannelSecret::value);
    }

    @Override
    public String toString() {
        return "ChannelConfig[name=" + name + ", kind=" + kind + ", baseUrl=" + baseUrl + ", secret="
                + (secret == null ? "none" : "******") + ", region=" + region + ", models=" + models
                + (speaksResponses ? ", speaksResponses" : "") + "]";
    }
}
