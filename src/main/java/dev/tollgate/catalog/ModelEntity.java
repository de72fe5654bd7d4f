package dev.tollgate.catalog;

import dev.tollgate.money.Credits;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "model")
class ModelEntity {

    @Id
    private String id;

    private String name;

    @Enumerated(EnumType.STRING)
    private ModelKind kind;

    private @Nullable BigDecimal inputPrice;
    private @Nullable BigDecimal outputPrice;
    private @Nullable BigDecimal cacheReadMultiplier;
    private @Nullable BigDecimal cacheWriteMultiplier;

    @Column(name = "cache_write_1h_multiplier")
    private @Nullable BigDecimal cacheWrite1hMultiplier;

    private @Nullable Integer contextWindow;
    private @Nullable Integer maxOutputTokens;
    private @Nullable BigDecimal requestPrice;
    private @Nullable Integer width;
    private @Nullable Integer height;
    private boolean enabled;

    @Column(name = "sort_order")
    private int sortOrder;

    private Instant createdAt;

    protected ModelEntity() {
        // for JPA
    }

    boolean isEnabled() {
        return enabled;
    }

    ModelKind kind() {
        return kind;
    }

    CatalogModel toModel() {
        TokenPricing tokenPricing = kind == ModelKind.CHAT
                ? new TokenPricing(
                        new Credits(inputPrice),
                        new Credits(outputPrice),
                        cacheReadMultiplier,
                        cacheWriteMultiplier,
                        cacheWrite1hMultiplier)
                : null;
        return new CatalogModel(
                new ModelId(id),
                name,
                kind,
                tokenPricing,
                contextWindow,
                maxOutputTokens,
                requestPrice == null ? null : new Credits(requestPrice),
                width == null || height == null ? null : new Resolution(width, height),
                createdAt);
    }
}
