package dev.tollgate.catalog;

import dev.tollgate.money.Credits;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A model as the rest of the product sees it. Chat models carry {@link TokenPricing}, a context window and the most
 * output tokens one reply can have; image and video models a fixed price per request, and image models their one
 * {@link Resolution}.
 */
public record CatalogModel(
        ModelId id,
        String name,
        ModelKind kind,
        @Nullable TokenPricing tokenPricing,
        @Nullable Integer contextWindow,
        @Nullable Integer maxOutputTokens,
        @Nullable Credits requestPrice,
        @Nullable Resolution resolution,
        Instant createdAt) {

    public CatalogModel {
        Objects.requireNonNull(id);
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        if (kind == ModelKind.CHAT && tokenPricing == null) {
            throw new IllegalArgumentException("A chat model has token prices: " + id);
        }
        if (kind == ModelKind.CHAT && (maxOutputTokens == null || maxOutputTokens < 1)) {
            throw new IllegalArgumentException("A chat model has a positive output limit: " + id);
        }
        if (kind.isPricedPerRequest() && requestPrice == null) {
            throw new IllegalArgumentException("An image or video model has a price per request: " + id);
        }
        if (kind == ModelKind.IMAGE && resolution == null) {
            throw new IllegalArgumentException("An image model has a fixed resolution: " + id);
        }
    }

    public TokenPricing requireTokenPricing() {
        return Objects.requireNonNull(tokenPricing, () -> id + " is not priced per token");
    }

    /** The largest {@code max_tokens} a request to this chat model may ask for. */
    public int requireMaxOutputTokens() {
        return Objects.requireNonNull(maxOutputTokens, () -> id + " is not a chat model");
    }

    public Credits requireRequestPrice() {
        return Objects.requireNonNull(requestPrice, () -> id + " is not priced per request");
    }
}
