package dev.tollgate.billing;

import dev.tollgate.money.Credits;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One ledger row as a statement shows it: signed amount and the balance right after it. */
public record LedgerLine(
        long id,
        LedgerEntryKind kind,
        Credits amount,
        Credits balanceAfter,
        @Nullable String note,
        @Nullable String createdBy,
        Instant createdAt) {}
