package dev.tollgate.billing;

import dev.tollgate.money.Credits;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Appends ledger rows with one plain insert: every settled call writes one, so it stays off the ORM. */
@Repository
class LedgerWriter {

    private final JdbcClient jdbc;

    LedgerWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(
            UUID team,
            LedgerEntryKind kind,
            Credits amount,
            Credits balanceAfter,
            @Nullable String note,
            @Nullable String reference,
            @Nullable String createdBy,
            Instant at) {
        jdbc.sql("""
                        insert into ledger_entry (team_id, kind, amount, balance_after, note, reference, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        team,
                        kind.name(),
                        amount.amount(),
                        balanceAfter.amount(),
                        note,
                        reference,
                        createdBy,
                        Timestamp.from(at))
                .update();
    }
}
