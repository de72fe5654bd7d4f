package dev.tollgate.admin;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.tollgate.provider.channel.ChannelDraft;
import dev.tollgate.provider.channel.ChannelHealth;
import dev.tollgate.provider.channel.ChannelId;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelNotFoundException;
import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.provider.channel.ChannelView;
import dev.tollgate.provider.channel.InvalidChannelException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Upstream channels for automation: the same operations and rules as the admin view. Secrets go in as {@code apiKey}
 * and never come out; {@code hasSecret} tells whether one is stored. A PUT of {@code enabled} alone switches a channel
 * without restating it, which is all the built-in simulator's channel takes.
 */
@RestController
class AdminChannelsController {

    private final ChannelService channels;

    AdminChannelsController(ChannelService channels) {
        this.channels = channels;
    }

    /** A channel as sent in: times in milliseconds, {@code apiKey} left out to keep the stored one. */
    record ChannelRequest(
            @Nullable String name,
            @Nullable String kind,
            @Nullable String baseUrl,
            @Nullable String region,
            @Nullable String apiKey,
            @Nullable Map<String, String> models,
            @Nullable Integer priority,
            @Nullable Integer weight,
            @Nullable Long connectTimeoutMs,
            @Nullable Long timeoutMs,
            @Nullable Boolean enabled,
            // the snake_case spelling the Responses API's own fields use is taken too
            @JsonAlias("speaks_responses") @Nullable Boolean speaksResponses) {

        /** Only {@code enabled} is given: the channel is switched, nothing else about it changes. */
        boolean switchOnly() {
            return enabled != null
                    && name == null
                    && kind == null
                    && baseUrl == null
                    && region == null
                    && apiKey == null
                    && models == null
                    && priority == null
                    && weight == null
                    && connectTimeoutMs == null
                    && timeoutMs == null
                    && speaksResponses == null;
        }

        ChannelDraft draft() {
            ChannelKind parsed = ChannelKind.fromId(kind == null ? "" : kind)
                    .orElseThrow(() -> new InvalidChannelException(
                            "kind: one of openai-compatible, anthropic, " + "bedrock, gemini-image, seedance"));
            return new ChannelDraft(
                    name == null ? "" : name,
                    parsed,
                    baseUrl == null ? "" : baseUrl,
                    region,
                    apiKey,
                    models == null ? Map.of() : models,
                    priority == null ? 0 : priority,
                    weight == null ? 1 : weight,
                    connectTimeoutMs == null
                            ? ChannelDraft.DEFAULT_CONNECT_TIMEOUT
                            : Duration.ofMillis(connectTimeoutMs),
                    timeoutMs == null ? ChannelDraft.DEFAULT_TIMEOUT : Duration.ofMillis(timeoutMs),
                    enabled == null || enabled,
                    Boolean.TRUE.equals(speaksResponses));
        }

        @Override
        public String toString() {
            return "ChannelRequest[name=" + name + ", kind=" + kind + ", apiKey=" + (apiKey == null ? "-" : "******")
                    + "]";
        }
    }

    record HealthBody(
            String circuit,
            int calls,
            double errorRate,
            @Nullable Long medianLatencyMs,
            @Nullable String lastError,
            @Nullable Instant lastErrorAt,
            @Nullable Instant coolingUntil) {

        static HealthBody of(ChannelHealth health) {
            return new HealthBody(
                    health.circuit().name().toLowerCase(),
                    health.attempts(),
                    health.errorRate(),
                    health.medianLatency() == null
                            ? null
                            : health.medianLatency().toMillis(),
                    health.lastError(),
                    health.lastErrorAt(),
                    health.coolingUntil());
        }
    }

    record ChannelBody(
            String id,
            String name,
            String kind,
            @Nullable String baseUrl,
            @Nullable String region,
            boolean hasSecret,
            Map<String, String> models,
            int priority,
            int weight,
            long connectTimeoutMs,
            long timeoutMs,
            boolean enabled,
            boolean speaksResponses,
            boolean fromConfig,
            Instant updatedAt,
            HealthBody health) {

        static ChannelBody of(ChannelView view, ChannelHealth health) {
            return new ChannelBody(
                    view.id().toString(),
                    view.name(),
                    view.kind().id(),
                    view.baseUrl() == null ? null : view.baseUrl().toString(),
                    view.region(),
                    view.hasSecret(),
                    view.models(),
                    view.priority(),
                    view.weight(),
                    view.connectTimeout().toMillis(),
                    view.timeout().toMillis(),
                    view.enabled(),
                    view.speaksResponses(),
                    view.fromConfig(),
                    view.updatedAt(),
                    HealthBody.of(health));
        }
    }

    record ChannelList(List<ChannelBody> data) {}

    @GetMapping("/admin/v1/channels")
    ChannelList list() {
        Map<ChannelId, ChannelHealth> health = channels.health();
        return new ChannelList(channels.list().stream()
                .map(view -> ChannelBody.of(view, health.getOrDefault(view.id(), ChannelHealth.UNUSED)))
                .toList());
    }

    @GetMapping("/admin/v1/channels/{id}")
    ChannelBody get(@PathVariable String id) {
        return body(channels.get(parse(id)));
    }

    @PostMapping("/admin/v1/channels")
    @ResponseStatus(HttpStatus.CREATED)
    ChannelBody create(@RequestBody ChannelRequest request) {
        return body(channels.create(request.draft()));
    }

    @PutMapping("/admin/v1/channels/{id}")
    ChannelBody update(@PathVariable String id, @RequestBody ChannelRequest request) {
        ChannelId channel = parse(id);
        if (request.switchOnly()) {
            channels.setEnabled(channel, Boolean.TRUE.equals(request.enabled()));
            return body(channels.get(channel));
        }
        return body(channels.update(channel, request.draft()));
    }

    @DeleteMapping("/admin/v1/channels/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        channels.delete(parse(id));
    }

    private ChannelBody body(ChannelView view) {
        return ChannelBody.of(view, channels.health().getOrDefault(view.id(), ChannelHealth.UNUSED));
    }

    private static ChannelId parse(String id) {
        try {
            return new ChannelId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw new ChannelNotFoundException(id);
        }
    }
}
