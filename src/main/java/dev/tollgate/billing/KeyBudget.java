package dev.tollgate.billing;

import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.money.Credits;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a key may spend and has spent: everything it was charged, refunds taken off, with a budget or without.
 *
 * @param budget the most the key may spend, or null for no limit
 * @param reserved what the key's calls in flight hold of its budget (only a key with a budget reserves)
 */
public record KeyBudget(ApiKeyId key, @Nullable Credits budget, Credits spent, Credits reserved) {

    public KeyBudget {
        Objects.requireNonNull(key);
        Objects.requireNonNull(spent);
        Objects.requireNonNull(reserved);
    }

    /** A key billing has no row for yet spends nothing and has no limit. */
    public static KeyBudget none(ApiKeyId key) {
        return new KeyBudget(key, null, Credits.ZERO, Credits.ZERO);
    }
}
