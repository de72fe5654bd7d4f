package dev.tollgate.provider.channel;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.ModelKind;
import dev.tollgate.provider.UpstreamException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * One try of a call on one channel has ended, published on the thread that made it: answered (the upstream began its
 * reply) or failed before that. Carries nothing of the request or of the channel's secret.
 *
 * @param httpStatus the upstream's HTTP status; 200 once it answered, 0 when no HTTP answer came (or the channel is the
 *     simulator)
 * @param errorType why the try failed, in OpenTelemetry's {@code error.type} manner (the status, or the failure's
 *     class); null when it answered
 */
@NamedInterface("channel")
public record UpstreamAttempted(
        String channel,
        ChannelKind channelKind,
        ModelId model,
        ModelKind kind,
        Instant started,
        Duration took,
        int httpStatus,
        @Nullable String errorType,
        @Nullable String traceparent) {

    public UpstreamAttempted {
        Objects.requireNonNull(channel);
        Objects.requireNonNull(channelKind);
        Objects.requireNonNull(model);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(started);
        Objects.requireNonNull(took);
    }

    public boolean answered() {
        return errorType == null;
    }

    static UpstreamAttempted answered(
            ChannelRow channel,
            ModelId model,
            ModelKind kind,
            Instant started,
            Duration took,
            @Nullable String traceparent) {
        int status = channel.kind().builtIn() ? 0 : 200;
        return new UpstreamAttempted(
                channel.name(), channel.kind(), model, kind, started, took, status, null, traceparent);
    }

    static UpstreamAttempted failed(
            ChannelRow channel,
            ModelId model,
            ModelKind kind,
            Instant started,
            Duration took,
            RuntimeException why,
            @Nullable String traceparent) {
        int status = why instanceof UpstreamException upstream ? upstream.status() : 0;
        String type = status > 0 ? Integer.toString(status) : why.getClass().getName();
        return new UpstreamAttempted(
                channel.name(), channel.kind(), model, kind, started, took, status, type, traceparent);
    }
}
