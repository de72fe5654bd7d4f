package dev.tollgate.billing;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.money.Credits;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A key's spending crossed a threshold of its budget, published once per crossing in the transaction that recorded
 * the spending; react after it commits.
 *
 * @param alertId the recorded alert, unique per crossing, so receivers can tell a repeated delivery
 * @param budget the budget that was crossed
 * @param spent what the key had spent right after the crossing
 */
public record KeyBudgetCrossed(
        UUID alertId,
        ApiKeyId key,
        TeamId team,
        String keyName,
        String maskedKey,
        BudgetThreshold threshold,
        Credits budget,
        Credits spent,
        Instant crossedAt) {

    public KeyBudgetCrossed {
        Objects.requireNonNull(alertId);
        Objects.requireNonNull(key);
        Objects.requireNonNull(team);
        Objects.requireNonNull(keyName);
        Objects.requireNonNull(maskedKey);
        Objects.requireNonNull(threshold);
        Objects.requireNonNull(budget);
        Objects.requireNonNull(spent);
        Objects.requireNonNull(crossedAt);
    }
}
