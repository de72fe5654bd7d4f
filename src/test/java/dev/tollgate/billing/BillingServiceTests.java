package dev.tollgate.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.money.Credits;
import dev.tollgate.money.InvalidAmountException;
import dev.tollgate.support.Actors;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestTeams;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.context.TestPropertySource;

@IntegrationTest
// the hold rows of calls, as with credit leases off; CreditLeaseTests cover calls on leases
@TestPropertySource(properties = "tollgate.billing.leases=false")
class BillingServiceTests {

    @Autowired
    BillingService billing;

    @Autowired
    CreditAccountRepository accounts;

    @Autowired
    LedgerEntryRepository ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestTeams testTeams;

    @Autowired
    Actors actors;

    @Test
    void aNewTeamHasANilBalanceAndAnEmptyStatement() {
        TeamSummary team = testTeams.create("Empty");
        actors.asPlatformAdmin(() -> {
            assertThat(billing.balance(team.id())).isEqualTo(Credits.ZERO);
            assertThat(billing.statement(team.id(), 0, 10)).isEmpty();
        });
    }

    @Test
    void topUpAddsTheExactAmountAndWritesOneLedgerEntry() {
        TeamSummary team = testTeams.create("Topped");
        Credits balance = actors.asPlatformAdmin(() -> billing.topUp(team.id(), Credits.parse("25.00"), "invoice 7"));
        Credits after = actors.asPlatformAdmin(() -> billing.topUp(team.id(), Credits.parse("0.000000001"), null));

        assertThat(balance).isEqualTo(Credits.parse("25"));
        assertThat(after.toPlainString()).isEqualTo("25.000000001");
        List<LedgerLine> lines = actors.asPlatformAdmin(() -> billing.statement(team.id(), 0, 10));
        assertThat(lines).extracting(LedgerLine::kind).containsExactly(LedgerEntryKind.TOP_UP, LedgerEntryKind.TOP_UP);
        assertThat(lines.getLast().note()).isEqualTo("invoice 7");
        assertThat(lines.getLast().createdBy()).isEqualTo("test-admin");
        assertThat(lines.getFirst().balanceAfter()).isEqualTo(after);
    }

    @Test
    void topUpRefusesZeroAndNegativeAmounts() {
        TeamSummary team = testTeams.create("Refused");
        actors.asPlatformAdmin(() -> {
            assertThatThrownBy(() -> billing.topUp(team.id(), Credits.ZERO, null))
                    .isInstanceOf(InvalidAmountException.class);
            assertThatThrownBy(() -> billing.topUp(team.id(), Credits.parse("-5"), null))
                    .isInstanceOf(InvalidAmountException.class);
            assertThat(billing.balance(team.id())).isEqualTo(Credits.ZERO);
        });
    }

    @Test
    void onlyPlatformAdminsTopUpAndOnlyMembersSeeTheBalance() {
        TeamSummary team = testTeams.create("Guarded");
        TeamSummary other = testTeams.create("Other");
        UserDetails owner = testTeams.addPerson(team, TeamRole.OWNER);

        actors.as(owner, () -> {
            assertThatThrownBy(() -> billing.topUp(team.id(), Credits.parse("10"), null))
                    .isInstanceOf(AccessDeniedException.class);
            assertThat(billing.balance(team.id())).isEqualTo(Credits.ZERO);
            assertThatThrownBy(() -> billing.balance(other.id()))
                    .as("a member of one team cannot read another team's balance")
                    .isInstanceOf(AccessDeniedException.class);
        });
    }

    @Test
    void parallelTopUpsAddUpToTheNanoCreditAndTheBalanceEqualsTheLedger() throws Exception {
        TeamSummary team = testTeams.create("Parallel");
        int count = 40;
        List<Callable<Credits>> topUps = IntStream.range(0, count)
                .mapToObj(i -> (Callable<Credits>) () ->
                        actors.asPlatformAdmin(() -> billing.topUp(team.id(), Credits.parse("0.123456789"), "batch")))
                .toList();

        runAll(topUps);

        Credits expected = Credits.parse("0.123456789").times(BigDecimal.valueOf(count));
        Credits balance = actors.asPlatformAdmin(() -> billing.balance(team.id()));
        assertThat(balance).isEqualTo(expected);
        assertThat(new Credits(ledger.sumOfAmounts(team.id().value())))
                .as("balance = Σ ledger")
                .isEqualTo(balance);
        assertThat(ledger.countByTeamId(team.id().value())).isEqualTo(count);
        List<BigDecimal> balancesAfter = jdbc.sql(
                        "select balance_after from ledger_entry where team_id = ? order by id")
                .param(team.id().value())
                .query(BigDecimal.class)
                .list();
        assertThat(balancesAfter)
                .as("every entry saw a distinct running balance")
                .doesNotHaveDuplicates();
    }

    @Test
    void concurrentDebitsNeverTakeTheBalanceBelowZero() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Debits", "10.00");
        List<Callable<Optional<BigDecimal>>> debits = IntStream.range(0, 30)
                .mapToObj(i -> (Callable<Optional<BigDecimal>>)
                        () -> accounts.add(team.id().value(), new BigDecimal("-1.00"), Instant.now()))
                .toList();

        List<Optional<BigDecimal>> results = runAll(debits);

        assertThat(results.stream().filter(Optional::isPresent).count())
                .as("exactly the ten debits the balance covers succeed")
                .isEqualTo(10);
        assertThat(accounts.balance(team.id().value())).contains(new BigDecimal("0E-9"));
    }

    @Autowired
    CreditHolds holds;

    @Test
    void aHoldIsSettledExactlyOnceHoweverOftenSettleIsCalled() {
        TeamSummary team = testTeams.createWithBalance("Holds", "1.00");
        Hold hold = actors.asPlatformAdmin(
                () -> holds.reserve(team.id(), null, "req_once_" + team.id(), Credits.parse("0.40")));
        assertThat(actors.asPlatformAdmin(() -> holds.available(team.id()))).isEqualTo(Credits.parse("0.60"));

        Credits first = holds.settle(hold, Credits.parse("0.25"), "chat");
        Credits second = holds.settle(hold, Credits.parse("0.30"), "chat again");

        assertThat(first).isEqualTo(Credits.parse("0.25"));
        assertThat(second).as("the second settle reports the first charge").isEqualTo(Credits.parse("0.25"));
        assertThat(actors.asPlatformAdmin(() -> billing.balance(team.id()))).isEqualTo(Credits.parse("0.75"));
        assertThat(actors.asPlatformAdmin(() -> holds.available(team.id()))).isEqualTo(Credits.parse("0.75"));
        assertThat(ledger.countByTeamId(team.id().value()))
                .as("top-up and one charge")
                .isEqualTo(2);
        assertThat(new Credits(ledger.sumOfAmounts(team.id().value()))).isEqualTo(Credits.parse("0.75"));
    }

    @Test
    void aChargeAboveTheHoldAndTheRemainingCreditIsCutToTheHold() {
        TeamSummary team = testTeams.createWithBalance("Overrun", "0.10");
        Hold hold = actors.asPlatformAdmin(
                () -> holds.reserve(team.id(), null, "req_over_" + team.id(), Credits.parse("0.10")));

        Credits charged = holds.settle(hold, Credits.parse("0.50"), "chat");

        assertThat(charged).isEqualTo(Credits.parse("0.10"));
        assertThat(actors.asPlatformAdmin(() -> billing.balance(team.id()))).isEqualTo(Credits.ZERO);
        assertThat(jdbc.sql("select charged from credit_hold where id = ?")
                        .param(hold.id())
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("0.10");
        assertThat(new Credits(ledger.sumOfAmounts(team.id().value()))).isEqualTo(Credits.ZERO);
    }

    @Test
    void aReserveBeyondTheAvailableCreditIsRefused() {
        TeamSummary team = testTeams.createWithBalance("Short", "0.10");
        actors.asPlatformAdmin(() -> holds.reserve(team.id(), null, "req_a_" + team.id(), Credits.parse("0.06")));
        assertThatThrownBy(() -> actors.asPlatformAdmin(
                        () -> holds.reserve(team.id(), null, "req_b_" + team.id(), Credits.parse("0.05"))))
                .isInstanceOf(InsufficientCreditException.class);
        assertThat(actors.asPlatformAdmin(() -> holds.openHolds(team.id()))).isEqualTo(1);
    }

    @Test
    void theLedgerIsAppendOnly() {
        TeamSummary team = testTeams.createWithBalance("Append", "1.00");
        assertThatThrownBy(() -> jdbc.sql("update ledger_entry set amount = 1000 where team_id = ?")
                        .param(team.id().value())
                        .update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from ledger_entry where team_id = ?")
                        .param(team.id().value())
                        .update())
                .hasMessageContaining("append-only");
    }

    @Test
    void theDatabaseItselfRefusesANegativeBalance() {
        TeamSummary team = testTeams.createWithBalance("Floor", "1.00");
        assertThatThrownBy(() -> jdbc.sql("update credit_account set balance = -1 where team_id = ?")
                        .param(team.id().value())
                        .update())
                .hasMessageContaining("credit_account_balance_check");
    }

    private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
