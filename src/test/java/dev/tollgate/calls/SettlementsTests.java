package dev.tollgate.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.account.TeamId;
import dev.tollgate.billing.CreditHolds;
import dev.tollgate.billing.Hold;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.Books;
import dev.tollgate.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Calls settled together: one transaction per batch, every money invariant kept, a bad call never hurts another. */
@IntegrationTest
class SettlementsTests {

    @LocalServerPort
    int port;

    @Autowired
    Settlements settlements;

    @Autowired
    CreditHolds holds;

    @Autowired
    JdbcClient jdbc;

    HeldCalls calls;
    Books books;

    @BeforeEach
    void heldCalls() {
        calls = new HeldCalls(port, holds, actors);
        books = new Books(jdbc);
    }

    @Autowired
    Actors actors;

    @Test
    void manyConcurrentSettlesOfOneTeamAndKeyAreAppliedExactly() throws Exception {
        HeldCalls.Funded funded = calls.fund("Busy team", "40", "50");
        int count = 300;
        List<Callable<Credits>> settles = new ArrayList<>();
        BigDecimal expected = BigDecimal.ZERO;
        for (int i = 0; i < count; i++) {
            Credits cost = i % 10 == 0
                    ? Credits.ZERO
                    : new Credits(new BigDecimal("0.010000001").multiply(BigDecimal.valueOf(i % 7)));
            expected = expected.add(cost.amount());
            Hold hold = calls.reserve(funded, "0.1");
            Settlements.Settlement settlement = calls.settlement(funded, hold, cost);
            settles.add(() -> settlements.settle(settlement));
        }
        try (ExecutorService callers = Executors.newFixedThreadPool(48)) {
            for (Future<Credits> charged : callers.invokeAll(settles)) {
                assertThat(charged.get()).isNotNull();
            }
        }

        assertThat(balance(funded.team()))
                .as("balance = top-up − Σ charges")
                .isEqualByComparingTo(new BigDecimal("40").subtract(expected));
        assertThat(held(funded.team())).as("every hold released").isEqualByComparingTo(BigDecimal.ZERO);
        assertLedgerRunsConsistently(funded.team());
        assertThat(books.keySpent(funded.key()))
                .as("the key spent what its calls cost")
                .isEqualByComparingTo(expected);
        assertThat(books.keyReserved(funded.key()))
                .as("no budget left reserved")
                .isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(count("select count(*) from usage_record where team_id = ?", funded.team()))
                .isEqualTo(count);
        assertThat(count("select count(*) from credit_hold where team_id = ? and status = 'HELD'", funded.team()))
                .isZero();
        assertThat(count("select count(distinct xmin::text) from credit_hold where team_id = ?", funded.team()))
                .as("calls were settled together, in fewer transactions than calls")
                .isLessThan(count);
    }

    @Test
    void aHoldSettledBeforeKeepsItsChargeWhileTheRestOfTheBatchIsCharged() {
        HeldCalls.Funded funded = calls.fund("Settled twice", "1", "10");
        Hold first = calls.reserve(funded, "0.1");
        Hold already = calls.reserve(funded, "0.1");
        Hold third = calls.reserve(funded, "0.1");
        actors.asPlatformAdmin(() -> holds.settle(already, Credits.of("0.03"), "settled earlier"));

        List<Credits> charged = settlements.settleAsOneBatch(List.of(
                calls.settlement(funded, first, Credits.of("0.01")),
                calls.settlement(funded, already, Credits.of("0.05")),
                calls.settlement(funded, third, Credits.of("0.02"))));

        assertThat(charged).containsExactly(Credits.of("0.01"), Credits.of("0.03"), Credits.of("0.02"));
        assertThat(balance(funded.team())).isEqualByComparingTo("0.94");
        assertThat(held(funded.team())).isEqualByComparingTo(BigDecimal.ZERO);
        assertLedgerRunsConsistently(funded.team());
        assertThat(count("select count(*) from ledger_entry where team_id = ? and kind = 'CHARGE'", funded.team()))
                .as("one charge per hold, the earlier settle's included")
                .isEqualTo(3);
        assertThat(books.keySpent(funded.key()))
                .as("the key spent what the team paid")
                .isEqualByComparingTo("0.06");
    }

    @Test
    void aChargeBeyondItsHoldAndTheRemainingCreditIsCutAloneAndTheOthersAreCharged() {
        HeldCalls.Funded funded = calls.fund("Overrun", "0.3", "10");
        Hold small = calls.reserve(funded, "0.1");
        Hold overrun = calls.reserve(funded, "0.1");
        Hold other = calls.reserve(funded, "0.1");

        List<Credits> charged = settlements.settleAsOneBatch(List.of(
                calls.settlement(funded, small, Credits.of("0.05")),
                calls.settlement(funded, overrun, Credits.of("0.5")),
                calls.settlement(funded, other, Credits.of("0.04"))));

        assertThat(charged).containsExactly(Credits.of("0.05"), Credits.of("0.1"), Credits.of("0.04"));
        assertThat(balance(funded.team())).as("nothing negative").isEqualByComparingTo("0.11");
        assertThat(held(funded.team())).isEqualByComparingTo(BigDecimal.ZERO);
        assertLedgerRunsConsistently(funded.team());
        assertThat(count("select count(*) from usage_record where team_id = ?", funded.team()))
                .isEqualTo(3);
        assertThat(books.keySpent(funded.key())).isEqualByComparingTo("0.19");
    }

    private void assertLedgerRunsConsistently(TeamId team) {
        books.assertBooksBalance(team);
    }

    private BigDecimal balance(TeamId team) {
        return books.balance(team);
    }

    private BigDecimal held(TeamId team) {
        return books.held(team);
    }

    private long count(String sql, TeamId team) {
        return jdbc.sql(sql).param(team.value()).query(Long.class).single();
    }
}
