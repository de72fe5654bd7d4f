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

    Optional<BigDecimal> available(UUID teamId) {
        return jdbc.sql("select balance - held from credit_account where team_id = ?")
                .param(teamId)
                .query(BigDecimal.class)
                .optional();
    }

    /** Reserves an amount out of the available credit (balance - held); false when it is not there. */
    boolean hold(UUID teamId, BigDecimal amount, Instant now) {
        return jdbc.sql("""
                        update credit_account set held = held + :amount, updated_at = :now
                        where team_id = :team and balance - held >= :amount""")
                        .param("amount", amount)
                        .param("now", java.sql.Timestamp.from(now))
                        .param("team", teamId)
                        .update()
                == 1;
    }

    /**
     * Ends a hold: releases it and takes the charge from the balance, in one statement. Refused (empty) only when the
     * charge exceeds what the hold and the rest of the available credit can cover.
     */
    Optional<BigDecimal> settle(UUID teamId, BigDecimal hold, BigDecimal charge, Instant now) {
        return jdbc.sql("""
                        update credit_account
                        set balance = balance - :charge, held = held - :hold, updated_at = :now
                        where team_id = :team and balance - :charge >= held - :hold
                        returning balance""")
                .param("charge", charge)
                .param("hold", hold)
                .param("now", java.sql.Timestamp.from(now))
                .param("team", teamId)
                .query(BigDecimal.class)
                .optional();
    }

    /** The team's available credit (balance less what requests in flight hold), its row locked until the commit. */
    BigDecimal lockAvailable(UUID teamId) {
        return jdbc.sql("select balance - held from credit_account where team_id = ? for update")
                .param(teamId)
                .query(BigDecimal.class)
                .single();
    }

    /** Adds a signed amount unless the balance would go negative; the new balance, or empty when refused. */
    Optional<BigDecimal> add(UUID teamId, BigDecimal amount, Instant now) {
        return jdbc.sql("""
                        update credit_account set balance = balance + :amount, updated_at = :now
                        where team_id = :team and balance + :amount >= held
                        returning balance""")
                .param("amount", amount)
                .param("now", java.sql.Timestamp.from(now))
                .param("team", teamId)
                .query(BigDecimal.class)
                .optional();
    }
}
