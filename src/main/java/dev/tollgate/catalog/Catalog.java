package dev.tollgate.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The models on sale, in the order of the price list. Disabled models are invisible to everyone. */
@Service
@Transactional(readOnly = true)
public class Catalog {

    private final ModelRepository models;

    Catalog(ModelRepository models) {
        this.models = models;
    }

    public List<CatalogModel> all() {
        return models.findByEnabledTrueOrderBySortOrder().stream()
                .map(ModelEntity::toModel)
                .toList();
    }

    public List<CatalogModel> ofKind(ModelKind kind) {
        return all().stream().filter(model -> model.kind() == kind).toList();
    }

    public Optional<CatalogModel> find(ModelId id) {
        return models.findById(id.value()).filter(ModelEntity::isEnabled).map(ModelEntity::toModel);
    }

    public boolean exists(ModelId id) {
        return find(id).isPresent();
    }
}
