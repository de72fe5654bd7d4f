package dev.tollgate.billing;

import dev.tollgate.money.Credits;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A prepaid charge was refunded, in the transaction that refunded it. Key budgets listen, to give back what the
 * request had spent of its key's budget.
 */
public record ChargeRefunded(
        UUID chargeId, String requestId, @Nullable UUID apiKeyId, Credits amount) {}
