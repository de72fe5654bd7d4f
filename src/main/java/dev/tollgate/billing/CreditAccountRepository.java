package dev.tollgate.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Balances change only through single conditional statements, never read-modify-write in Java: the row lock the
 * update takes serialises concurrent changes, and the {@code WHERE} clause is the "enough credit" check.
 */
@Repository
class CreditAccountRepository {

    private final JdbcClient jdbc;

    CreditAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<BigDecimal> balance(UUID teamId) {
        return jdbc.sql("select balance from credit_account where team_id = ?")
                .param(teamId)
                .query(BigDecimal.class)
                .optional();
    }

    void openIfMissing(UUID teamId, Instant now) {
        jdbc.sql("insert into credit_account (team_id, balance, updated_at) values (?, 0, ?) on conflict do nothing")
                .params(teamId, java.sql.Timestamp.from(now))
                .update();
    }

    /** Adds a signed amount unless the balance would go negative; the new balance, or empty when refused. */
    Optional<BigDecimal> add(UUID teamId, BigDecimal amount, Instant now) {
        return jdbc.sql("""
                        update credit_account set balance = balance + :amount, updated_at = :now
                        where team_id = :team and balance + :amount >= 0
                        returning balance""")
                .param("amount", amount)
                .param("now", java.sql.Timestamp.from(now))
                .param("team", teamId)
                .query(BigDecimal.class)
                .optional();
    }
}
