package dev.tollgate.billing;

import dev.tollgate.money.Credits;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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

    /**
     * Appends one CHARGE row per positive charge in one statement, in the order given, each with the running balance
     * after it starting from {@code balanceBefore}; ids are assigned in that order, so the ledger reads as it happened.
     */
    void appendCharges(UUID team, List<HoldCharge> charges, Credits balanceBefore, Instant at) {
        List<HoldCharge> positive =
                charges.stream().filter(c -> c.charge().isPositive()).toList();
        if (positive.isEmpty()) {
            return;
        }
        String[] amounts = new String[positive.size()];
        String[] balances = new String[positive.size()];
        String[] notes = new String[positive.size()];
        String[] references = new String[positive.size()];
        String[] actors = new String[positive.size()];
        Credits balance = balanceBefore;
        for (int i = 0; i < positive.size(); i++) {
            HoldCharge charge = positive.get(i);
            balance = balance.minus(charge.charge());
            amounts[i] = charge.charge().negate().toPlainString();
            balances[i] = balance.toPlainString();
            notes[i] = charge.note();
            references[i] = charge.hold().requestId();
            actors[i] = charge.actor();
        }
        jdbc.sql("""
                        insert into ledger_entry (team_id, kind, amount, balance_after, note, reference, created_by, created_at)
                        select :team, 'CHARGE', v.amount, v.balance_after, v.note, v.reference, v.actor, :at
                        from unnest(cast(:amounts as numeric[]), cast(:balances as numeric[]), cast(:notes as text[]),
                                    cast(:references as text[]), cast(:actors as text[]))
                            with ordinality as v(amount, balance_after, note, reference, actor, position)
                        order by v.position""")
                .param("team", team)
                .param("amounts", amounts)
                .param("balances", balances)
                .param("notes", notes)
                .param("references", references)
                .param("actors", actors)
                .param("at", Timestamp.from(at))
                .update();
    }
}
