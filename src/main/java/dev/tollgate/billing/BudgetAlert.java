package dev.tollgate.billing;

import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.money.Credits;
import java.time.Instant;
import java.util.UUID;

/** A recorded budget crossing as the portal lists it. */
public record BudgetAlert(
        UUID id, ApiKeyId key, String keyName, BudgetThreshold threshold, Credits budget, Credits spent, Instant at) {}
