package dev.tollgate.apikey;

import dev.tollgate.account.TeamId;
import dev.tollgate.money.Credits;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A key's settings were changed, published in the transaction that stored them: billing gives the key the budget with
 * them, so a change of limits and budget is one change.
 *
 * @param budget what the key may spend from now on, or null for no limit
 */
public record ApiKeyChanged(
        ApiKeyId key, TeamId team, @Nullable Credits budget) {

    public ApiKeyChanged {
        Objects.requireNonNull(key);
        Objects.requireNonNull(team);
    }
}
