package dev.tollgate.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyId;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A team's and a key's money as stored, read straight from the tables, for tests to check what a call did to it:
 * balance, held credit, the ledger, open holds, a key's spending and reservations; and {@link #assertBooksBalance},
 * the invariants every money test ends on.
 */
public final class Books {

    private final JdbcClient jdbc;

    public Books(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static TeamId team(String id) {
        return new TeamId(UUID.fromString(id));
    }

    public BigDecimal balance(TeamId team) {
        return number("select balance from credit_account where team_id = ?", team.value());
    }

    /** Credit held for calls in flight. */
    public BigDecimal held(TeamId team) {
        return number("select held from credit_account where team_id = ?", team.value());
    }

    /** Σ ledger: every top-up, charge and refund. */
    public BigDecimal ledgerSum(TeamId team) {
        return number("select coalesce(sum(amount), 0) from ledger_entry where team_id = ?", team.value());
    }

    /** What the team was charged: Σ charge rows, as a positive amount. */
    public BigDecimal charges(TeamId team) {
        return number(
                "select coalesce(-sum(amount), 0) from ledger_entry where team_id = ? and kind = 'CHARGE'",
                team.value());
    }

    /** What the team got back: Σ refund rows. */
    public BigDecimal refunds(TeamId team) {
        return number(
                "select coalesce(sum(amount), 0) from ledger_entry where team_id = ? and kind = 'REFUND'",
                team.value());
    }

    /** Every ledger amount but top-ups, oldest first, without trailing zeros. */
    public List<BigDecimal> chargesAndRefunds(TeamId team) {
        return jdbc
                .sql("select amount from ledger_entry where team_id = ? and kind <> 'TOP_UP' order by created_at, id")
                .param(team.value())
                .query(BigDecimal.class)
                .list()
                .stream()
                .map(BigDecimal::stripTrailingZeros)
                .toList();
    }

    /** Holds not yet settled or released. */
    public long openHolds(TeamId team) {
        return count("select count(*) from credit_hold where team_id = ? and status = 'HELD'", team.value());
    }

    /** Prepaid (fixed-price) charges of the team, refunded or not. */
    public long prepaidCharges(TeamId team) {
        return count("select count(*) from prepaid_charge where team_id = ?", team.value());
    }

    /** What the key was charged, refunds taken off. */
    public BigDecimal keySpent(ApiKeyId key) {
        return number("select spent from key_budget where api_key_id = ?", key.value());
    }

    /** What the key's calls in flight hold of its budget. */
    public BigDecimal keyReserved(ApiKeyId key) {
        return number("select reserved from key_budget where api_key_id = ?", key.value());
    }

    /**
     * The books of a team at rest: balance = Σ ledger, each ledger row's balance after it runs on from the one before,
     * nothing held and every hold settled.
     */
    public void assertBooksBalance(TeamId team) {
        List<BigDecimal[]> rows = jdbc.sql(
                        "select amount, balance_after from ledger_entry where team_id = ? order by id")
                .param(team.value())
                .query((rs, row) -> new BigDecimal[] {rs.getBigDecimal(1), rs.getBigDecimal(2)})
                .list();
        BigDecimal running = BigDecimal.ZERO;
        for (BigDecimal[] row : rows) {
            running = running.add(row[0]);
            assertThat(row[1]).as("balance after each ledger row, in id order").isEqualByComparingTo(running);
        }
        assertThat(running).as("balance = Σ ledger").isEqualByComparingTo(balance(team));
        assertThat(held(team)).as("nothing left held").isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(openHolds(team)).as("every hold settled").isZero();
    }

    private BigDecimal number(String sql, UUID id) {
        return jdbc.sql(sql).param(id).query(BigDecimal.class).single();
    }

    private long count(String sql, UUID id) {
        return jdbc.sql(sql).param(id).query(Long.class).single();
    }
}
