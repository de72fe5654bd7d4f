package dev.tollgate.apikey;

import dev.tollgate.account.TeamId;
import dev.tollgate.money.Credits;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A key was issued, published in the transaction that stored it: billing opens the key's budget and spending with it,
 * so a key never exists without them.
 *
 * @param budget what the key may spend, or null for no limit
 */
public record ApiKeyIssued(
        ApiKeyId key, TeamId team, @Nullable Credits budget) {

    public ApiKeyIssued {
        Objects.requireNonNull(key);
        Objects.requireNonNull(team);
    }
}
