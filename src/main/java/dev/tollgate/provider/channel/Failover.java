package dev.tollgate.provider.channel;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.ModelKind;
import dev.tollgate.provider.NoUpstreamChannelException;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.http.AttemptHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Runs one upstream call over the channels serving a model: in {@link RoutePlan} order, skipping channels whose
 * circuit is open or whose {@code retry-after} has not run out, moving on after a retryable failure, and waiting out
 * a short {@code retry-after} when no other channel is left. The attempt itself decides where "before the first byte"
 * ends: it returns only once the upstream has started answering, and nothing after that is retried here.
 */
@Component
public class Failover {

    private static final Logger log = LoggerFactory.getLogger(Failover.class);

    /** One try on one channel; throws {@link UpstreamException} when the channel did not answer. */
    @FunctionalInterface
    public interface Attempt<T> {
        T call(ChannelClients channel);
    }

    private final ChannelDirectory directory;
    private final RoutingProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AttemptTraceContext traceContext;

    Failover(
            ChannelDirectory directory,
            RoutingProperties properties,
            ApplicationEventPublisher events,
            Clock clock,
            ObjectProvider<AttemptTraceContext> traceContext) {
        this.directory = directory;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
        this.traceContext = traceContext.getIfAvailable(() -> kind -> Map::of);
    }

    /** Whether any enabled channel serves the model, the simulator's included. */
    public boolean hasChannels(ModelId model, ModelKind kind) {
        return !directory.serving(model, kind).isEmpty();
    }

    /** The adapters of every enabled channel serving the model, whichever failover would try first. */
    public List<ChannelClients> serving(ModelId model, ModelKind kind) {
        return directory.serving(model, kind).stream().map(LiveChannel::clients).toList();
    }

    /** A channel's adapters by the name a video job recorded, enabled or not. */
    public Optional<ChannelClients> channel(String name) {
        return directory.named(name).map(LiveChannel::clients);
    }

    /**
     * Calls the model on its channels until one answers.
     *
     * @throws NoUpstreamChannelException when no enabled channel serves the model (the simulator's is off too)
     * @throws UpstreamException the last failure when none answered (or the first one that retrying cannot mend)
     */
    public <T> Routed<T> route(ModelId model, ModelKind kind, Attempt<T> attempt) {
        List<LiveChannel> serving = directory.serving(model, kind);
        if (serving.isEmpty()) {
            throw new NoUpstreamChannelException(model.value());
        }
        List<LiveChannel> plan = new ArrayList<>(RoutePlan.order(serving, ThreadLocalRandom.current()));
        Set<ChannelId> tried = new HashSet<>();
        AttemptTraceContext.RoutedCall traced = traceContext.route(kind);
        UpstreamException last = null;
        for (int attempts = 0; attempts < properties.maxAttempts(); attempts++) {
            LiveChannel channel =
                    next(plan, tried).or(() -> waitForCooling(serving)).orElse(null);
            if (channel == null) {
                break;
            }
            tried.add(channel.row().id());
            Map<String, String> headers = traced.nextAttempt();
            String traceparent = headers.get("traceparent");
            Instant at = clock.instant();
            long started = System.nanoTime();
            try {
                T value = AttemptHeaders.during(headers, () -> attempt.call(channel.clients()));
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                channel.guard().succeeded(took);
                announce(UpstreamAttempted.answered(channel.row(), model, kind, at, took, traceparent));
                return new Routed<>(channel.name(), value);
            } catch (UpstreamException failure) {
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                channel.guard().failed(took, failure);
                announce(UpstreamAttempted.failed(channel.row(), model, kind, at, took, failure, traceparent));
                log.warn("Channel '{}' failed for {}: {}", channel.name(), model, failure.getMessage());
                if (!failure.retryable() || Thread.currentThread().isInterrupted()) {
                    throw failure;
                }
                last = failure;
            } catch (RuntimeException bug) {
                channel.guard().released();
                announce(UpstreamAttempted.failed(
                        channel.row(),
                        model,
                        kind,
                        at,
                        Duration.ofNanos(System.nanoTime() - started),
                        bug,
                        traceparent));
                throw bug;
            }
        }
        throw last != null ? last : unavailable(model, serving);
    }

    /** Tells traces about the attempt; a listener's failure never becomes the call's. */
    private void announce(UpstreamAttempted attempt) {
        try {
            events.publishEvent(attempt);
        } catch (RuntimeException listenerFailed) {
            log.warn("A listener of upstream attempts failed", listenerFailed);
        }
    }

    /** The first channel of the plan not tried yet, not cooling, and let through by its breaker. */
    private Optional<LiveChannel> next(List<LiveChannel> plan, Set<ChannelId> tried) {
        for (LiveChannel channel : plan) {
            if (!tried.contains(channel.row().id())
                    && channel.guard().coolingUntil() == null
                    && channel.guard().tryAcquire()) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }

    /** With nothing else left, the channel whose {@code retry-after} ends first, once it has, if that is soon. */
    private Optional<LiveChannel> waitForCooling(List<LiveChannel> serving) {
        Optional<LiveChannel> soonest = serving.stream()
                .filter(channel -> channel.guard().coolingUntil() != null)
                .min(Comparator.comparing(channel -> channel.guard().coolingUntil()));
        if (soonest.isEmpty()) {
            return Optional.empty();
        }
        Instant until = soonest.get().guard().coolingUntil();
        Duration wait = until == null ? Duration.ZERO : Duration.between(clock.instant(), until);
        if (wait.compareTo(properties.maxRetryWait()) > 0) {
            return Optional.empty();
        }
        try {
            if (wait.isPositive()) {
                Thread.sleep(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return soonest.get().guard().tryAcquire() ? soonest : Optional.empty();
    }

    private UpstreamException unavailable(ModelId model, List<LiveChannel> serving) {
        @Nullable
        Instant soonest = serving.stream()
                .map(channel -> channel.guard().coolingUntil())
                .filter(java.util.Objects::nonNull)
                .min(Comparator.naturalOrder())
                .orElse(null);
        Duration retryAfter = soonest == null ? null : Duration.between(clock.instant(), soonest);
        return new UpstreamException(
                "Every upstream channel serving '" + model + "' is failing or asked to wait; try again shortly",
                true,
                503,
                retryAfter);
    }
}
