package dev.tollgate.catalog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "model_alias")
class ModelAliasEntity {

    @Id
    private String alias;

    private String modelId;

    private Instant createdAt;

    protected ModelAliasEntity() {
        // for JPA
    }

    ModelAliasEntity(ModelId alias, ModelId model, Instant createdAt) {
        this.alias = alias.value();
        this.modelId = model.value();
        this.createdAt = createdAt;
    }

    ModelAlias toAlias() {
        return new ModelAlias(new ModelId(alias), new ModelId(modelId), createdAt);
    }
}
