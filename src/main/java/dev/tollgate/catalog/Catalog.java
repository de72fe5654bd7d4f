package dev.tollgate.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The models on sale, in the order of the price list. Disabled models are invisible to everyone. Every API call
 * looks a model up, so the catalog and its aliases are read from the database at most every few seconds and kept in
 * memory. One caller reloads a stale snapshot while the others go on with it, so a busy instance never queues its
 * requests behind, or repeats, the reload.
 */
@Service
public class Catalog {

    private static final Duration FRESHNESS = Duration.ofSeconds(15);

    private record Snapshot(
            List<CatalogModel> models,
            Map<ModelId, CatalogModel> byId,
            Map<ModelId, CatalogModel> byAlias,
            Map<ModelFamily, CatalogModel> newestOfFamily,
            Instant loadedAt) {}

    private final ModelRepository models;
    private final ModelAliasRepository aliases;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final boolean familyRule;
    private final ReentrantLock loading = new ReentrantLock();
    private volatile Snapshot snapshot;
    /** Counts {@link #forget}s, so a reload that began before one never stores what it read. */
    private volatile long generation;

    Catalog(
            ModelRepository models,
            ModelAliasRepository aliases,
            TransactionTemplate transactions,
            Clock clock,
            ModelsProperties properties) {
        this.models = models;
        this.aliases = aliases;
        this.transactions = transactions;
        this.clock = clock;
        this.familyRule = properties.familyRule().enabled();
    }

    public List<CatalogModel> all() {
        return current().models();
    }

    public List<CatalogModel> ofKind(ModelKind kind) {
        return all().stream().filter(model -> model.kind() == kind).toList();
    }

    /** The model with exactly this id; aliases are not consulted. */
    public Optional<CatalogModel> find(ModelId id) {
        return Optional.ofNullable(current().byId().get(id));
    }

    public boolean exists(ModelId id) {
        return find(id).isPresent();
    }

    /**
     * The model a caller means by {@code requested}: the model with that id; else the model the alias of that name
     * stands for; else, with the family rule on, the newest model of the Claude family a native id names
     * ({@code claude-opus-4-1} → the newest Opus). Every path that takes a chat model id resolves it here.
     */
    public Optional<CatalogModel> resolve(String requested) {
        Optional<ModelId> id = ModelId.tryParse(requested);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Snapshot current = current();
        CatalogModel model = current.byId().get(id.get());
        if (model == null) {
            model = current.byAlias().get(id.get());
        }
        if (model == null && familyRule) {
            model = ModelFamily.ofRequested(requested)
                    .map(current.newestOfFamily()::get)
                    .orElse(null);
        }
        return Optional.ofNullable(model);
    }

    /** Drops what is held in memory, so a change made here is seen by the next lookup. */
    void forget() {
        generation++;
        snapshot = null;
    }

    private Snapshot current() {
        Snapshot held = snapshot;
        Instant now = clock.instant();
        if (held != null && isFresh(held, now)) {
            return held;
        }
        if (held != null && !loading.tryLock()) {
            return held; // another caller is reloading it
        }
        if (held == null) {
            loading.lock();
        }
        try {
            Snapshot latest = snapshot;
            if (latest != null && isFresh(latest, now)) {
                return latest;
            }
            long reading = generation;
            latest = load(now);
            if (reading == generation) {
                snapshot = latest;
            }
            return latest;
        } finally {
            loading.unlock();
        }
    }

    private static boolean isFresh(Snapshot snapshot, Instant now) {
        return !snapshot.loadedAt().plus(FRESHNESS).isBefore(now);
    }

    private Snapshot load(Instant now) {
        return transactions.execute(status -> {
            List<CatalogModel> enabled = models.findByEnabledTrueOrderBySortOrder().stream()
                    .map(ModelEntity::toModel)
                    .toList();
            Map<ModelId, CatalogModel> byId = new LinkedHashMap<>();
            enabled.forEach(model -> byId.put(model.id(), model));
            Map<ModelId, CatalogModel> byAlias = new LinkedHashMap<>();
            for (ModelAliasEntity entity : aliases.findAll()) {
                ModelAlias alias = entity.toAlias();
                CatalogModel target = byId.get(alias.model());
                if (target != null) {
                    byAlias.put(alias.alias(), target);
                }
            }
            Map<ModelFamily, CatalogModel> newest = new EnumMap<>(ModelFamily.class);
            for (ModelFamily family : ModelFamily.values()) {
                family.newestIn(enabled).ifPresent(model -> newest.put(family, model));
            }
            return new Snapshot(enabled, Map.copyOf(byId), Map.copyOf(byAlias), Map.copyOf(newest), now);
        });
    }
}
