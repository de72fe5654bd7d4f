package dev.tollgate.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The models on sale, in the order of the price list. Disabled models are invisible to everyone. Every API call
 * looks a model up, so the catalog is read from the database at most every few seconds and kept in memory.
 */
@Service
public class Catalog {

    private static final Duration FRESHNESS = Duration.ofSeconds(15);

    private record Snapshot(List<CatalogModel> models, Map<ModelId, CatalogModel> byId, Instant loadedAt) {}

    private final ModelRepository models;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private volatile Snapshot snapshot;

    Catalog(ModelRepository models, TransactionTemplate transactions, Clock clock) {
        this.models = models;
        this.transactions = transactions;
        this.clock = clock;
    }

    public List<CatalogModel> all() {
        return current().models();
    }

    public List<CatalogModel> ofKind(ModelKind kind) {
        return all().stream().filter(model -> model.kind() == kind).toList();
    }

    public Optional<CatalogModel> find(ModelId id) {
        return Optional.ofNullable(current().byId().get(id));
    }

    public boolean exists(ModelId id) {
        return find(id).isPresent();
    }

    private Snapshot current() {
        Snapshot loaded = snapshot;
        Instant now = clock.instant();
        if (loaded == null || loaded.loadedAt().plus(FRESHNESS).isBefore(now)) {
            loaded = load(now);
            snapshot = loaded;
        }
        return loaded;
    }

    private Snapshot load(Instant now) {
        List<CatalogModel> enabled = transactions.execute(status -> models.findByEnabledTrueOrderBySortOrder().stream()
                .map(ModelEntity::toModel)
                .toList());
        Map<ModelId, CatalogModel> byId = new LinkedHashMap<>();
        enabled.forEach(model -> byId.put(model.id(), model));
        return new Snapshot(enabled, Map.copyOf(byId), now);
    }
}
