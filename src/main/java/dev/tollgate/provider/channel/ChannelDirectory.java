package dev.tollgate.provider.channel;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.ModelKind;
import dev.tollgate.database.FailureStreak;
import dev.tollgate.secret.SecretBox;
import dev.tollgate.secret.UnreadableSecretException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The channels this instance routes to, with their adapters built and secrets opened in memory. Reloaded when a
 * channel changes here, and when the table's version moves because another instance changed one. A channel whose
 * connection did not change keeps its adapters; every channel keeps its guard (breaker and history) by id.
 */
@Component
class ChannelDirectory implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChannelDirectory.class);

    private final ChannelStore store;
    private final SecretBox secrets;
    private final ChannelClientFactory factory;
    private final RoutingProperties properties;
    private final ChannelCooldowns cooldowns;
    private final Clock clock;
    private final FailureStreak followFailures;
    private final Map<ChannelId, ChannelGuard> guards = new ConcurrentHashMap<>();
    private volatile Map<ChannelId, LiveChannel> live = Map.of();
    private volatile @Nullable String version;

    ChannelDirectory(
            ChannelStore store,
            SecretBox secrets,
            ChannelClientFactory factory,
            RoutingProperties properties,
            ChannelCooldowns cooldowns,
            Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.factory = factory;
        this.properties = properties;
        this.cooldowns = cooldowns;
        this.clock = clock;
        this.followFailures = new FailureStreak(log, "Reading the channels other instances changed", clock);
    }

    /**
     * The enabled channels that serve the model, in no particular order: those mapping it, or, when none does, the
     * simulator while it is on. The simulator stands in for a missing channel, never for a failing one: a caller who
     * asked for a real upstream is told it failed rather than handed a simulated answer.
     */
    List<LiveChannel> serving(ModelId model, ModelKind kind) {
        ensureLoaded();
        List<LiveChannel> serving = live.values().stream()
                .filter(channel -> channel.serves(model, kind))
                .toList();
        List<LiveChannel> upstreams =
                serving.stream().filter(channel -> !channel.isSimulator()).toList();
        return upstreams.isEmpty() ? serving : upstreams;
    }

    /** A channel by name, enabled or not: a video task started on it is followed to its end there. */
    Optional<LiveChannel> named(String name) {
        ensureLoaded();
        return live.values().stream()
                .filter(channel -> channel.name().equalsIgnoreCase(name))
                .findFirst();
    }

    ChannelHealth health(ChannelId id) {
        ChannelGuard guard = guards.get(id);
        return guard == null ? ChannelHealth.UNUSED : guard.health();
    }

    /** Each loaded channel's circuit on this instance, by channel name. */
    Map<String, ChannelHealth.Circuit> circuits() {
        ensureLoaded();
        return live.values().stream()
                .collect(Collectors.toUnmodifiableMap(
                        LiveChannel::name, channel -> channel.guard().circuit()));
    }

    /** After the change has committed, so a rolled-back change is never routed to. */
    @TransactionalEventListener(fallbackExecution = true)
    void onChange(ChannelsChanged changed) {
        reload();
    }

    @Scheduled(fixedDelayString = "${tollgate.routing.refresh-interval:5s}")
    void followOtherInstances() {
        try {
            if (!store.version().equals(version)) {
                reload();
            }
            followFailures.succeeded();
        } catch (RuntimeException e) {
            // the channels last read keep serving calls
            followFailures.failed(e);
        }
    }

    private void ensureLoaded() {
        if (version == null) {
            reload();
        }
    }

    synchronized void reload() {
        String current = store.version();
        Map<ChannelId, LiveChannel> before = live;
        Map<ChannelId, LiveChannel> after = store.all().stream()
                .map(row -> reuseOrBuild(row, before.get(row.id())))
                .flatMap(Optional::stream)
                .collect(Collectors.toUnmodifiableMap(channel -> channel.row().id(), Function.identity()));
        live = after;
        version = current;
        before.values().stream()
                .filter(old -> after.get(old.row().id()) == null
                        || after.get(old.row().id()).clients() != old.clients())
                .forEach(this::closeQuietly);
        guards.keySet().retainAll(after.keySet());
    }

    private Optional<LiveChannel> reuseOrBuild(ChannelRow row, @Nullable LiveChannel old) {
        ChannelGuard guard =
                guards.computeIfAbsent(row.id(), id -> new ChannelGuard(id, row.name(), properties, cooldowns, clock));
        if (old != null && old.row().sameConnection(row)) {
            return Optional.of(new LiveChannel(row, old.clients(), guard));
        }
        try {
            return Optional.of(new LiveChannel(row, clients(row), guard));
        } catch (UnreadableSecretException e) {
            log.error("Channel '{}' is left out: its secret cannot be opened ({})", row.name(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Channel '{}' is left out: {}", row.name(), e.getMessage(), e);
        }
        return Optional.empty();
    }

    private ChannelClients clients(ChannelRow row) {
        return row.kind().builtIn() ? factory.simulator() : factory.build(config(row));
    }

    private ChannelConfig config(ChannelRow row) {
        ChannelSecret secret = row.secretSealed() == null
                ? null
                : new ChannelSecret(secrets.open(row.secretSealed(), row.id().secretOwner()));
        return new ChannelConfig(
                row.name(),
                row.kind(),
                Objects.requireNonNull(row.baseUrl(), "every upstream channel has a base URL"),
                secret,
                row.region(),
                row.models(),
                row.connectTimeout(),
                row.timeout(),
                row.speaksResponses());
    }

    private void closeQuietly(LiveChannel channel) {
        try {
            channel.clients().resources().close();
        } catch (Exception e) {
            log.debug("Closing channel '{}' failed: {}", channel.name(), e.getMessage());
        }
    }

    @Override
    public void destroy() {
        live.values().forEach(this::closeQuietly);
    }
}
