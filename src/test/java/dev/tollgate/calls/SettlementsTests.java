package dev.tollgate.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.account.TeamId;
import dev.tollgate.billing.BatchNotAllHeldException;
import dev.tollgate.billing.CreditHolds;
import dev.tollgate.billing.Hold;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.Books;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.usage.UsageRecorder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** Calls settled together: one commit per batch, every money invariant kept, a bad call never hurts another. */
@IntegrationTest
// the hold rows of calls, as with credit leases off; CreditLeaseTests cover calls on leases
@TestPropertySource(properties = "tollgate.billing.leases=false")
class SettlementsTests {

    /**
     * Rounds a test of the one-round-trip settle runs: the driver prepares a statement on the server from its fifth use
     * on a connection and only then knows the shape of its result, which changes how it sends the statements.
     */
    private static final int ROUNDS_PAST_PREPARING = 8;

    @LocalServerPort
    int port;

    @Autowired
    Settlements settlements;

    @Autowired
    CreditHolds holds;

    @Autowired
    UsageRecorder usage;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTransactionManager jdbcTransactions;

    HeldCalls calls;
    Books books;
    TransactionTemplate transactions;

    @BeforeEach
    void heldCalls() {
        calls = new HeldCalls(port, holds, actors);
        books = new Books(jdbc);
        transactions = new TransactionTemplate(jdbcTransactions);
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
    void aSettleWaitsOnNoLockOfItsTeamOrKeyRow() throws Exception {
        HeldCalls.Funded funded = calls.fund("Locked team", "1", "10");
        // the day's first call of a team, model and key adds their roll-up row, which still names the team; later ones
        // only add to it
        settlements.settle(calls.settlement(funded, calls.reserve(funded, "0.1"), Credits.of("0.01")));
        Settlements.Settlement settlement = calls.settlement(funded, calls.reserve(funded, "0.1"), Credits.of("0.02"));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            // another transaction holds the team's and the key's rows as a delete or a change of their ids would
            Future<?> holder = threads.submit(() -> transactions.executeWithoutResult(status -> {
                jdbc.sql("select id from team where id = ? for update")
                        .param(funded.team().value())
                        .query(UUID.class)
                        .single();
                jdbc.sql("select id from api_key where id = ? for update")
                        .param(funded.key().value())
                        .query(UUID.class)
                        .single();
                locked.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Credits> settled = threads.submit(() -> settlements.settle(settlement));
            try {
                assertThat(settled.get(5, TimeUnit.SECONDS))
                        .as("the usage row and ledger entry are written without looking up and locking the team or key")
                        .isEqualByComparingTo(Credits.of("0.02"));
            } finally {
                release.countDown();
                holder.get();
            }
        }
        assertThat(balance(funded.team())).isEqualByComparingTo("0.97");
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

    @Test
    void aBatchWhoseHoldsAreAllHeldIsSettledTogetherWithEveryTeamKeyAndLedgerRowRight() {
        HeldCalls.Funded first = calls.fund("One statement A", "2", "10");
        HeldCalls.Funded second = calls.fund("One statement B", "1", "0.3");
        Hold a1 = calls.reserve(first, "0.1");
        Hold b1 = calls.reserve(second, "0.2");
        Hold a2 = calls.reserve(first, "0.1");
        Hold b2 = calls.reserve(second, "0.1");
        Hold a3 = calls.reserve(first, "0.1");

        List<Credits> charged = settlements.settleAsOneBatch(List.of(
                calls.settlement(first, a1, Credits.of("0.01")),
                calls.settlement(second, b1, Credits.of("0.2")),
                calls.settlement(first, a2, Credits.ZERO),
                calls.settlement(second, b2, Credits.of("0.05")),
                calls.settlement(first, a3, Credits.of("0.03"))));

        assertThat(charged)
                .containsExactly(
                        Credits.of("0.01"), Credits.of("0.2"), Credits.ZERO, Credits.of("0.05"), Credits.of("0.03"));
        assertThat(balance(first.team())).isEqualByComparingTo("1.96");
        assertThat(balance(second.team())).isEqualByComparingTo("0.75");
        assertThat(held(first.team())).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(held(second.team())).isEqualByComparingTo(BigDecimal.ZERO);
        assertLedgerRunsConsistently(first.team());
        assertLedgerRunsConsistently(second.team());
        assertThat(jdbc.sql("""
                        select balance_after from ledger_entry where team_id = ? and kind = 'CHARGE' order by id""")
                        .param(first.team().value())
                        .query(BigDecimal.class)
                        .list())
                .as("a row per positive charge, in the batch's order, each with the balance after it")
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("1.99"), new BigDecimal("1.96"));
        assertThat(books.keySpent(first.key())).isEqualByComparingTo("0.04");
        assertThat(books.keySpent(second.key())).isEqualByComparingTo("0.25");
        assertThat(books.keyReserved(first.key())).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(books.keyReserved(second.key())).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(jdbc.sql("select count(*) from key_budget_alert where api_key_id = ? and threshold = 80")
                        .param(second.key().value())
                        .query(Long.class)
                        .single())
                .as("the key that spent 0.25 of its 0.3 crossed 80 %")
                .isEqualTo(1);
        assertThat(jdbc.sql("""
                        select count(distinct xmin::text) from credit_hold where team_id = any(array[?, ?]::uuid[])""")
                        .params(first.team().value(), second.team().value())
                        .query(Long.class)
                        .single())
                .as("all five settled in one transaction")
                .isEqualTo(1);
        assertThat(jdbc.sql("""
                        select count(distinct command) from (
                            select cmin::text as command from credit_hold where team_id = any(:teams)
                            union all
                            select cmin::text from key_budget where api_key_id = any(:keys)
                            union all
                            select cmin::text from credit_account where team_id = any(:teams)
                            union all
                            select cmin::text from ledger_entry where team_id = any(:teams) and kind = 'CHARGE'
                        ) as changed""")
                        .param(
                                "teams",
                                new UUID[] {first.team().value(), second.team().value()})
                        .param(
                                "keys",
                                new UUID[] {first.key().value(), second.key().value()})
                        .query(Long.class)
                        .single())
                .as("holds, keys, balances and ledger changed by one statement")
                .isEqualTo(1);
    }

    @Test
    void settlingAllHeldRefusesABatchWithAHoldSettledBeforeOrAChargeThatDoesNotFit() {
        HeldCalls.Funded funded = calls.fund("Not all held", "0.3", "10");
        Hold held = calls.reserve(funded, "0.1");
        Hold settled = calls.reserve(funded, "0.1");
        Hold overrun = calls.reserve(funded, "0.1");
        actors.asPlatformAdmin(() -> holds.settle(settled, Credits.of("0.03"), "settled earlier"));

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> holds.settleAllHeld(List.of(
                        holds.charge(held, Credits.of("0.01"), "chat"),
                        holds.charge(settled, Credits.of("0.02"), "chat")))))
                .isInstanceOf(BatchNotAllHeldException.class);
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> holds.settleAllHeld(List.of(
                        holds.charge(held, Credits.of("0.01"), "chat"),
                        holds.charge(overrun, Credits.of("0.5"), "chat")))))
                .isInstanceOf(BatchNotAllHeldException.class);

        assertThat(balance(funded.team())).as("nothing charged").isEqualByComparingTo("0.27");
        assertThat(held(funded.team())).as("both holds still held").isEqualByComparingTo("0.2");
        assertThat(count("select count(*) from credit_hold where team_id = ? and status = 'HELD'", funded.team()))
                .isEqualTo(2);
        assertThat(books.keySpent(funded.key())).isEqualByComparingTo("0.03");

        assertThat(settlements.settleAsOneBatch(List.of(
                        calls.settlement(funded, held, Credits.of("0.01")),
                        calls.settlement(funded, overrun, Credits.of("0.5")))))
                .as("the batch the one statement refused is settled case by case")
                .containsExactly(Credits.of("0.01"), Credits.of("0.1"));
        assertThat(balance(funded.team())).isEqualByComparingTo("0.16");
        assertLedgerRunsConsistently(funded.team());
    }

    @Test
    void callsOfKeysWithoutBudgetsAreSettledWithTheirUsageRowsInOneCommit() {
        for (int round = 1; round <= ROUNDS_PAST_PREPARING; round++) {
            HeldCalls.Funded first = calls.fund("One commit A" + round, "1", null);
            HeldCalls.Funded second = calls.fund("One commit B" + round, "1", null);
            Hold a1 = calls.reserve(first, "0.1");
            Hold b1 = calls.reserve(second, "0.1");
            Hold a2 = calls.reserve(first, "0.1");

            List<Credits> charged = settlements.settleAsOneBatch(List.of(
                    calls.settlement(first, a1, Credits.of("0.01")),
                    calls.settlement(second, b1, Credits.of("0.02")),
                    calls.settlement(first, a2, Credits.of("0.03"))));

            assertThat(charged).containsExactly(Credits.of("0.01"), Credits.of("0.02"), Credits.of("0.03"));
            assertThat(balance(first.team())).isEqualByComparingTo("0.96");
            assertThat(balance(second.team())).isEqualByComparingTo("0.98");
            assertThat(held(first.team())).isEqualByComparingTo(BigDecimal.ZERO);
            assertLedgerRunsConsistently(first.team());
            assertLedgerRunsConsistently(second.team());
            assertThat(books.keySpent(first.key())).isEqualByComparingTo("0.04");
            assertThat(jdbc.sql("""
                            select count(*), count(distinct xmin::text) from (
                                select xmin from usage_record where team_id = any(:teams)
                                union all
                                select xmin from credit_hold where team_id = any(:teams)
                                union all
                                select xmin from credit_account where team_id = any(:teams)
                                union all
                                select xmin from ledger_entry where team_id = any(:teams) and kind = 'CHARGE'
                            ) as written""")
                            .param("teams", new UUID[] {
                                first.team().value(), second.team().value()
                            })
                            .query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2)))
                            .single())
                    .as(
                            "round %d: three usage rows, holds, two balances and ledger rows, all written by one"
                                    + " transaction",
                            round)
                    .containsExactly(11L, 1L);
        }
    }

    @Test
    void aBatchNotAllHeldKeepsNoneOfItsUsageRowsThoughNoTransactionIsOpen() {
        for (int round = 1; round <= ROUNDS_PAST_PREPARING; round++) {
            HeldCalls.Funded funded = calls.fund("Nothing kept " + round, "1", null);
            Hold held = calls.reserve(funded, "0.1");
            Hold settled = calls.reserve(funded, "0.1");
            actors.asPlatformAdmin(() -> holds.settle(settled, Credits.of("0.03"), "settled earlier"));
            List<Settlements.Settlement> batch = List.of(
                    calls.settlement(funded, held, Credits.of("0.01")),
                    calls.settlement(funded, settled, Credits.of("0.02")));

            assertThatThrownBy(() -> holds.settleAllHeld(
                            batch.stream().map(Settlements.Settlement::charge).toList(),
                            usage.insertion(batch.stream()
                                    .map(Settlements.Settlement::usage)
                                    .toList())))
                    .isInstanceOf(BatchNotAllHeldException.class);

            assertThat(count("select count(*) from usage_record where team_id = ?", funded.team()))
                    .as("round %d: the usage rows, sent in the same round trip, were not kept", round)
                    .isZero();
            assertThat(balance(funded.team())).as("nothing charged").isEqualByComparingTo("0.97");
            assertThat(held(funded.team())).isEqualByComparingTo("0.1");

            assertThat(settlements.settleAsOneBatch(batch))
                    .as("settled case by case instead")
                    .containsExactly(Credits.of("0.01"), Credits.of("0.03"));
            assertThat(count("select count(*) from usage_record where team_id = ?", funded.team()))
                    .as("round %d: one usage row a call", round)
                    .isEqualTo(2);
            assertThat(balance(funded.team())).isEqualByComparingTo("0.96");
            assertLedgerRunsConsistently(funded.team());
        }
    }

    @Test
    void aLoneCallIsSettledByItsOwnStatementWithItsUsageRowInOneCommit() {
        for (int round = 1; round <= ROUNDS_PAST_PREPARING; round++) {
            HeldCalls.Funded funded = calls.fund("Lone commit " + round, "1", "10");
            Hold hold = calls.reserve(funded, "0.1");

            assertThat(settlements.settleAsOneBatch(List.of(calls.settlement(funded, hold, Credits.of("0.015")))))
                    .containsExactly(Credits.of("0.015"));

            assertThat(balance(funded.team())).isEqualByComparingTo("0.985");
            assertThat(held(funded.team())).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(books.keySpent(funded.key())).isEqualByComparingTo("0.015");
            assertThat(books.keyReserved(funded.key()))
                    .as("round %d: the key's reservation freed", round)
                    .isEqualByComparingTo(BigDecimal.ZERO);
            assertLedgerRunsConsistently(funded.team());
            assertThat(jdbc.sql("""
                            select count(*), count(distinct xmin::text) from (
                                select xmin from usage_record where team_id = :team
                                union all
                                select xmin from credit_hold where team_id = :team
                                union all
                                select xmin from credit_account where team_id = :team
                                union all
                                select xmin from key_budget where api_key_id = :key
                                union all
                                select xmin from ledger_entry where team_id = :team and kind = 'CHARGE'
                            ) as written""")
                            .param("team", funded.team().value())
                            .param("key", funded.key().value())
                            .query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2)))
                            .single())
                    .as("round %d: its usage row, hold, key, balance and ledger row written by one transaction", round)
                    .containsExactly(5L, 1L);
        }
    }

    @Test
    void aSettleAskedForInsideATransactionCommitsOnItsOwnAndOutlivesThatTransactionsRollBack() {
        HeldCalls.Funded funded = calls.fund("Settled inside a transaction", "1", "10");
        Settlements.Settlement settlement = calls.settlement(funded, calls.reserve(funded, "0.1"), Credits.of("0.02"));

        transactions.executeWithoutResult(status -> {
            assertThat(settlements.settle(settlement)).isEqualByComparingTo(Credits.of("0.02"));
            status.setRollbackOnly();
        });

        assertThat(balance(funded.team()))
                .as("the charge committed on its own, not in the caller's transaction")
                .isEqualByComparingTo("0.98");
        assertThat(count("select count(*) from usage_record where team_id = ?", funded.team()))
                .isEqualTo(1);
        assertThat(count("select count(*) from credit_hold where team_id = ? and status = 'HELD'", funded.team()))
                .isZero();
    }

    @Test
    void aLoneCallWhoseHoldWasSettledBeforeKeepsNoUsageRowAndIsSettledCaseByCase() {
        for (int round = 1; round <= ROUNDS_PAST_PREPARING; round++) {
            HeldCalls.Funded funded = calls.fund("Lone settled twice " + round, "1", null);
            Hold settled = calls.reserve(funded, "0.1");
            actors.asPlatformAdmin(() -> holds.settle(settled, Credits.of("0.03"), "settled earlier"));
            Settlements.Settlement lone = calls.settlement(funded, settled, Credits.of("0.02"));

            assertThatThrownBy(
                            () -> holds.settleAllHeld(List.of(lone.charge()), usage.insertion(List.of(lone.usage()))))
                    .isInstanceOf(BatchNotAllHeldException.class);
            assertThat(count("select count(*) from usage_record where team_id = ?", funded.team()))
                    .as("round %d: the usage row, sent in the same round trip, was not kept", round)
                    .isZero();
            assertThat(balance(funded.team())).as("nothing charged twice").isEqualByComparingTo("0.97");

            assertThat(settlements.settleAsOneBatch(List.of(lone)))
                    .as("round %d: settled case by case, the earlier charge kept", round)
                    .containsExactly(Credits.of("0.03"));
            assertThat(count("select count(*) from usage_record where team_id = ?", funded.team()))
                    .isEqualTo(1);
            assertThat(balance(funded.team())).isEqualByComparingTo("0.97");
            assertLedgerRunsConsistently(funded.team());
        }
    }

    @Test
    void aLoneChargeBeyondItsHoldAndTheRemainingCreditIsRefusedByItsStatementAndCut() {
        for (int round = 1; round <= ROUNDS_PAST_PREPARING; round++) {
            HeldCalls.Funded funded = calls.fund("Lone overrun " + round, "0.3", "10");
            Hold hold = calls.reserve(funded, "0.1");
            Settlements.Settlement overrun = calls.settlement(funded, hold, Credits.of("0.5"));

            assertThatThrownBy(() ->
                            holds.settleAllHeld(List.of(overrun.charge()), usage.insertion(List.of(overrun.usage()))))
                    .isInstanceOf(BatchNotAllHeldException.class);
            assertThat(held(funded.team())).as("round %d: still held", round).isEqualByComparingTo("0.1");

            assertThat(settlements.settleAsOneBatch(List.of(overrun)))
                    .as("round %d: cut to its hold, as a batch's overrun is", round)
                    .containsExactly(Credits.of("0.1"));
            assertThat(balance(funded.team())).isEqualByComparingTo("0.2");
            assertThat(held(funded.team())).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(books.keySpent(funded.key())).isEqualByComparingTo("0.1");
            assertLedgerRunsConsistently(funded.team());
        }
    }

    @Test
    void aKeyGivenABudgetWhileItsCallRanHasTheCrossingItsSettleMadeRecorded() {
        HeldCalls.Funded funded = calls.fund("Budget mid-call", "1", null);
        Hold hold = calls.reserve(funded, "0.1");
        assertThat(hold.holdsKeyBudget())
                .as("the key had no budget when its call began")
                .isFalse();
        assertThat(new AdminApiClient(port, IntegrationTest.MASTER_KEY)
                        .patch("/admin/v1/keys/" + funded.key().value(), "{\"budget\":\"0.02\"}")
                        .status())
                .isEqualTo(200);

        assertThat(settlements.settle(calls.settlement(funded, hold, Credits.of("0.017"))))
                .isEqualByComparingTo(Credits.of("0.017"));

        assertThat(books.keySpent(funded.key())).isEqualByComparingTo("0.017");
        assertThat(jdbc.sql("select threshold from key_budget_alert where api_key_id = ?")
                        .param(funded.key().value())
                        .query(Integer.class)
                        .list())
                .as("settled in one round trip, the 80 % its spending crossed is recorded all the same")
                .containsExactly(80);
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
