package dev.tollgate.apikey;

import dev.tollgate.money.Credits;
import java.util.Objects;

/** The end of one request's budget reservation on a key: what it reserved and what it was charged. */
public record BudgetSettlement(ApiKeyId key, Credits reserved, Credits charged) {

    public BudgetSettlement {
        Objects.requireNonNull(key);
        Objects.requireNonNull(reserved);
        Objects.requireNonNull(charged);
    }
}
