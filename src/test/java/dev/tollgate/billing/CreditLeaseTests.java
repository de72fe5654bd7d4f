package dev.tollgate.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.NewApiKey;
import dev.tollgate.database.BoundStatement;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.Books;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestTeams;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Credit leases (decision 0057) on the real database: calls reserve in memory from one lease row per team and key, a
 * settle takes their charges off it, and however many calls reserve at once, on one instance or two, no team holds or
 * spends more than its balance and no key more than its budget. Leases are kept an hour here, so what a test sees is
 * what a busy instance holds; it gives them back itself.
 */
@IntegrationTest
@TestPropertySource(properties = "tollgate.billing.lease-idle=1h")
class CreditLeaseTests {

    private static final int CALLERS = 64;

    @Autowired
    CreditHolds holds;

    @Autowired
    CreditLeases leases;

    @Autowired
    LeaseRows rows;

    @Autowired
    CreditHoldRepository holdRows;

    @Autowired
    HoldProperties properties;

    @Autowired
    StaleHoldSweeper sweeper;

    @Autowired
    ApiKeyService keys;

    @Autowired
    TestTeams testTeams;

    @Autowired
    Actors actors;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTransactionManager jdbcTransactions;

    @Test
    void callsReserveFromOneLeaseRowAndTheirSettleTakesTheChargesOffIt() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Leased", "10.00");

        List<Outcome> outcomes = reserveConcurrently(List.of(leases), team.id(), null, Credits.parse("0.05"), 20);

        assertThat(outcomes).allMatch(outcome -> outcome.hold() != null);
        UUID lease = heldRows(team.id()).getFirst().id();
        assertThat(actors.asPlatformAdmin(() -> holds.openHolds(team.id())))
                .as("requests in flight: the twenty calls, not the lease row")
                .isEqualTo(20L);
        assertThat(heldRows(team.id()))
                .as("twenty calls, one row: the lease, for 64 holds of their size")
                .containsExactly(new HeldRow(lease, true, new BigDecimal("3.200000000")));
        assertThat(books().held(team.id())).isEqualByComparingTo("3.20");

        List<HoldCharge> owed = outcomes.stream()
                .map(outcome -> holds.charge(outcome.hold(), Credits.parse("0.01"), "Chat test"))
                .toList();
        Map<UUID, Credits> charged = holds.settleAllHeld(owed);
        Credits again = holds.settle(outcomes.getFirst().hold(), Credits.parse("0.01"), "Chat test");

        assertThat(charged.values()).hasSize(20).allMatch(charge -> charge.equals(Credits.parse("0.01")));
        assertThat(again).as("a call settled again is charged nothing more").isEqualTo(Credits.ZERO);
        assertThat(books().balance(team.id())).isEqualByComparingTo("9.80");
        assertThat(books().ledgerSum(team.id())).isEqualByComparingTo("9.80");
        assertThat(heldRows(team.id()))
                .as("the settle took the charges off the lease")
                .containsExactly(new HeldRow(lease, true, new BigDecimal("3.000000000")));
        assertThat(books().held(team.id())).isEqualByComparingTo("3.00");
        assertThat(actors.asPlatformAdmin(() -> holds.available(team.id())))
                .as("what the team can still reserve counts what this instance's lease has left")
                .isEqualTo(Credits.parse("9.80"));

        leases.giveBackAll();

        assertThat(books().held(team.id()))
                .as("a lease given back holds nothing")
                .isEqualByComparingTo("0");
        assertThat(heldRows(team.id())).isEmpty();
        books().assertBooksBalance(team.id());
    }

    @Test
    void leasedCallsSettledOutsideATransactionCommitWithTheStatementSentBeforeThemAndTellTheLease() throws Exception {
        // past the driver's preparing of the statements, from their fifth use on a connection
        for (int round = 1; round <= 8; round++) {
            TeamSummary team = testTeams.createWithBalance("Leased at once " + round, "10.00");
            List<Outcome> outcomes = reserveConcurrently(List.of(leases), team.id(), null, Credits.parse("0.05"), 10);
            UUID lease = heldRows(team.id()).getFirst().id();
            List<HoldCharge> owed = outcomes.stream()
                    .map(outcome -> holds.charge(outcome.hold(), Credits.parse("0.01"), "Chat test"))
                    .toList();

            Map<UUID, Credits> charged =
                    holds.settleAllHeld(owed, renaming(team.id(), "Renamed with the settle " + round));

            assertThat(charged.values()).hasSize(10).allMatch(charge -> charge.equals(Credits.parse("0.01")));
            assertThat(teamName(team.id()))
                    .as("round %d: the statement sent before the settle committed with it", round)
                    .isEqualTo("Renamed with the settle " + round);
            assertThat(heldRows(team.id())).containsExactly(new HeldRow(lease, true, new BigDecimal("3.100000000")));
            assertThat(actors.asPlatformAdmin(() -> holds.available(team.id())))
                    .as("the lease was told what its calls spent")
                    .isEqualTo(Credits.parse("9.90"));
            assertThat(actors.asPlatformAdmin(() -> holds.openHolds(team.id())))
                    .as("no call of the lease is in flight any more")
                    .isZero();

            Hold late = reserve(team.id(), null, "0.05");
            // the sweeper released the lease under the running call
            releasedBySweeper(lease);
            HoldCharge owedLate = holds.charge(late, Credits.parse("0.01"), "Chat test");
            assertThat(catchThrowable(() -> holds.settleAllHeld(List.of(owedLate), renaming(team.id(), "Never"))))
                    .as("a call whose lease was released is not settled this way")
                    .isInstanceOf(BatchNotAllHeldException.class);
            assertThat(teamName(team.id()))
                    .as("round %d: nor is the statement sent with it kept", round)
                    .isEqualTo("Renamed with the settle " + round);
            Map<UUID, Credits> chargedLate = new TransactionTemplate(jdbcTransactions)
                    .execute(status -> holds.chargeAll(holds.claim(List.of(owedLate))));
            assertThat(chargedLate)
                    .as("it is charged case by case instead, from the balance")
                    .containsEntry(late.id(), Credits.parse("0.01"));
            assertThat(books().balance(team.id())).isEqualByComparingTo("9.89");
            leases.giveBackAll();
            books().assertBooksBalance(team.id());
        }
    }

    @Test
    void twoInstancesLeasingOneThinBalanceNeverHoldOrSpendMoreThanIt() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Thin", "1.00");
        CreditLeases other = new CreditLeases(rows, holdRows, Clock.systemUTC(), properties);
        Credits amount = Credits.parse("0.013");

        List<Outcome> outcomes = reserveConcurrently(List.of(leases, other), team.id(), null, amount, 200);

        List<Outcome> granted =
                outcomes.stream().filter(outcome -> outcome.hold() != null).toList();
        assertThat(outcomes)
                .as("every refusal is the team's credit")
                .allMatch(
                        outcome -> outcome.hold() != null || outcome.failure() instanceof InsufficientCreditException);
        BigDecimal reserved = amount.amount().multiply(BigDecimal.valueOf(granted.size()));
        assertThat(reserved)
                .as("the calls never reserve more than the balance")
                .isLessThanOrEqualTo(new BigDecimal("1.00"));
        assertThat(new BigDecimal("1.00").subtract(reserved))
                .as("a call was refused only when neither its instance's lease nor the team had room for it")
                .isLessThan(amount.amount().multiply(BigDecimal.TWO));
        assertThat(heldRows(team.id())).as("one lease per instance").hasSize(2).allMatch(HeldRow::lease);
        assertThat(books().held(team.id())).isLessThanOrEqualTo(new BigDecimal("1.00"));

        // each call used more than it held: charged in full while its lease or the team has it, otherwise its hold
        BigDecimal charged = BigDecimal.ZERO;
        for (Outcome outcome : granted) {
            Credits charge = outcome.instance().charge(outcome.hold(), Credits.parse("0.020"));
            assertThat(charge).isIn(Credits.parse("0.020"), amount);
            charged = charged.add(holds.settle(new HoldCharge(outcome.hold(), charge, "Chat test", null))
                    .amount());
        }

        BigDecimal balance = books().balance(team.id());
        assertThat(balance).as("never below zero").isNotNegative();
        assertThat(new BigDecimal("1.00").subtract(balance))
                .as("every call charged once, what it was told")
                .isEqualByComparingTo(charged)
                .isGreaterThanOrEqualTo(reserved);
        assertThat(books().ledgerSum(team.id())).isEqualByComparingTo(balance);
        leases.giveBackAll();
        other.giveBackAll();
        books().assertBooksBalance(team.id());
    }

    @Test
    void aKeysLeaseNeverHoldsMoreThanItsBudget() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Budgeted", "100.00");
        ApiKeyId key = keyWithBudget(team, "1.00");
        Credits amount = Credits.parse("0.017");

        List<Outcome> outcomes = reserveConcurrently(List.of(leases), team.id(), key, amount, 200);

        List<Outcome> granted =
                outcomes.stream().filter(outcome -> outcome.hold() != null).toList();
        assertThat(outcomes)
                .as("every refusal is the key's budget")
                .allMatch(outcome -> outcome.hold() != null || outcome.failure() instanceof KeyBudgetExceededException);
        assertThat(granted).allMatch(outcome -> outcome.hold().holdsKeyBudget());
        BigDecimal reserved = amount.amount().multiply(BigDecimal.valueOf(granted.size()));
        assertThat(new BigDecimal("1.00").subtract(reserved))
                .as("held up to the budget and no further")
                .isNotNegative()
                .isLessThan(amount.amount());
        assertThat(books().keyReserved(key))
                .as("the key's reservation is its lease")
                .isEqualByComparingTo(books().held(team.id()));

        for (Outcome outcome : granted) {
            holds.settle(outcome.hold(), Credits.parse("0.010"), "Chat test");
        }
        assertThat(books().keySpent(key))
                .isEqualByComparingTo(new BigDecimal("0.010").multiply(BigDecimal.valueOf(granted.size())));
        leases.giveBackAll();
        assertThat(books().keyReserved(key)).isEqualByComparingTo("0");
        books().assertBooksBalance(team.id());
    }

    @Test
    void aCallIsRefusedOnlyOnceTheTeamsOtherLeasesHaveGivenBackWhatTheyDoNotUse() {
        TeamSummary team = testTeams.createWithBalance("Two keys", "1.00");
        ApiKeyId first = keyWithBudget(team, null);
        ApiKeyId second = keyWithBudget(team, null);

        Hold small = reserve(team.id(), first, "0.30");
        assertThat(books().held(team.id())).as("half of the balance leased").isEqualByComparingTo("0.50");
        Hold large = reserve(team.id(), second, "0.70");
        Throwable refused = catchThrowable(() -> reserve(team.id(), first, "0.01"));

        assertThat(large)
                .as("what a hold row of its own would get: 1.00 less the 0.30 in use")
                .isNotNull();
        assertThat(refused).isInstanceOf(InsufficientCreditException.class);
        assertThat(books().held(team.id())).isEqualByComparingTo("1.00");
        holds.settle(small, Credits.ZERO, "Chat test");
        holds.settle(large, Credits.ZERO, "Chat test");
        leases.giveBackAll();
        books().assertBooksBalance(team.id());
    }

    @Test
    void aLeaseReleasedUnderItsRunningCallsChargesThemOnceFromTheBalanceAndANewOneServesTheNext() {
        TeamSummary team = testTeams.createWithBalance("Swept", "1.00");
        Hold first = reserve(team.id(), null, "0.10");
        Hold second = reserve(team.id(), null, "0.10");
        UUID lease = second.lease();
        // the database was out of reach for longer than the hold timeout: the sweeper released the lease
        releasedBySweeper(lease);
        leases.renew();

        assertThat(holds.settle(first, Credits.parse("0.04"), "Chat test")).isEqualTo(Credits.parse("0.04"));
        assertThat(holds.settle(second, Credits.parse("0.04"), "Chat test")).isEqualTo(Credits.parse("0.04"));
        Hold next = reserve(team.id(), null, "0.10");

        assertThat(books().balance(team.id())).isEqualByComparingTo("0.92");
        assertThat(books().ledgerSum(team.id())).isEqualByComparingTo("0.92");
        assertThat(next.lease()).as("a new lease").isNotNull().isNotEqualTo(lease);
        holds.settle(next, Credits.ZERO, "Chat test");
        leases.giveBackAll();
        books().assertBooksBalance(team.id());
    }

    @Test
    void aCallUsingMoreThanItsHoldIsChargedInFullWhileTheTeamHasItAndItsHoldOnceNothingIsLeft() {
        TeamSummary team = testTeams.createWithBalance("Overrun", "1.00");
        Hold first = reserve(team.id(), null, "0.10");
        Hold second = reserve(team.id(), null, "0.10");
        assertThat(books().held(team.id())).as("half of the balance leased").isEqualByComparingTo("0.50");

        // 0.60 is more than the lease has left (0.40 after this call's hold), and the team has the rest
        assertThat(holds.settle(first, Credits.parse("0.60"), "Chat test")).isEqualTo(Credits.parse("0.60"));
        // 0.50 would need 0.10 more than the 0.40 the team has left: cut to the hold, as a hold row's settle cuts it
        assertThat(holds.settle(second, Credits.parse("0.50"), "Chat test")).isEqualTo(Credits.parse("0.10"));

        assertThat(books().balance(team.id())).isEqualByComparingTo("0.30");
        assertThat(books().ledgerSum(team.id())).isEqualByComparingTo("0.30");
        leases.giveBackAll();
        books().assertBooksBalance(team.id());
    }

    @Test
    void aLeaseUsedUpGrowsByThreeTimesWhatItHolds() {
        TeamSummary team = testTeams.createWithBalance("Growing", "100.00");
        for (int call = 0; call < 64; call++) {
            reserve(team.id(), null, "0.05");
        }
        assertThat(heldRows(team.id()))
                .as("64 holds of 0.05: the first grant")
                .singleElement()
                .extracting(HeldRow::amount)
                .isEqualTo(new BigDecimal("3.200000000"));

        reserve(team.id(), null, "0.05");

        assertThat(heldRows(team.id()))
                .as("the 65th call grows the lease by three times its 3.20, within half of the 96.80 left")
                .singleElement()
                .extracting(HeldRow::amount)
                .isEqualTo(new BigDecimal("12.800000000"));
        leases.giveBackAll();
    }

    @Test
    void aNewBudgetReleasesTheKeysLeaseSoTheNextCallsReserveUnderIt() {
        TeamSummary team = testTeams.createWithBalance("Lowered", "100.00");
        ApiKeyId key = keyWithBudget(team, "10.00");
        Hold running = reserve(team.id(), key, revision(key), "0.05");
        assertThat(books().keyReserved(key)).as("64 holds of 0.05 leased").isEqualByComparingTo("3.20");

        changeBudget(key, "0.10");

        assertThat(revision(key)).as("a change is a new revision of the key").isEqualTo(1L);
        assertThat(books().keyReserved(key))
                .as("the lease was released with the change")
                .isEqualByComparingTo("0");
        assertThat(books().held(team.id())).isEqualByComparingTo("0");
        Hold first = reserve(team.id(), key, revision(key), "0.05");
        Hold second = reserve(team.id(), key, revision(key), "0.05");
        Throwable third = catchThrowable(() -> reserve(team.id(), key, revision(key), "0.05"));
        assertThat(first.lease()).as("a new lease").isNotEqualTo(running.lease());
        assertThat(third)
                .as("the old lease's 3.15 left serves no call; the new budget's 0.10 serves two")
                .isInstanceOf(KeyBudgetExceededException.class);

        assertThat(holds.settle(running, Credits.parse("0.05"), "Chat test"))
                .as("the call running on the released lease is charged once, from the balance")
                .isEqualTo(Credits.parse("0.05"));
        holds.settle(first, Credits.parse("0.05"), "Chat test");
        holds.settle(second, Credits.parse("0.05"), "Chat test");
        assertThat(books().keySpent(key)).isEqualByComparingTo("0.15");
        assertThat(books().balance(team.id())).isEqualByComparingTo("99.85");
        leases.giveBackAll();
        assertThat(books().keyReserved(key)).isEqualByComparingTo("0");
        books().assertBooksBalance(team.id());
    }

    @Test
    void aChangeThatKeepsTheBudgetKeepsTheLease() {
        TeamSummary team = testTeams.createWithBalance("Renamed", "100.00");
        ApiKeyId key = keyWithBudget(team, "10.00");
        Hold before = reserve(team.id(), key, revision(key), "0.05");

        changeBudget(key, "10.00");
        Hold after = reserve(team.id(), key, revision(key), "0.05");
        Hold stale = reserve(team.id(), key, 0, "0.05");

        assertThat(revision(key)).isEqualTo(1L);
        assertThat(after.lease())
                .as("the later revision found the lease held and took it on")
                .isEqualTo(before.lease());
        assertThat(stale.lease())
                .as("a call made with the key as it was before still reserves from it")
                .isEqualTo(before.lease());
        assertThat(books().keyReserved(key)).isEqualByComparingTo("3.20");
        for (Hold hold : List.of(before, after, stale)) {
            holds.settle(hold, Credits.ZERO, "Chat test");
        }
        leases.giveBackAll();
        books().assertBooksBalance(team.id());
    }

    private Hold reserve(TeamId team, ApiKeyId key, long revision, String amount) {
        return actors.asPlatformAdmin(
                () -> holds.reserve(team, key, revision, "req_" + UUID.randomUUID(), Credits.parse(amount)));
    }

    private void changeBudget(ApiKeyId key, String budget) {
        actors.asPlatformAdmin(() ->
                keys.change(key, new NewApiKey(keys.get(key).name(), null, Credits.parse(budget), Set.of(), null)));
    }

    private long revision(ApiKeyId key) {
        return jdbc.sql("select revision from api_key where id = ?")
                .param(key.value())
                .query(Long.class)
                .single();
    }

    private Hold reserve(TeamId team, @Nullable ApiKeyId key, String amount) {
        return actors.asPlatformAdmin(
                () -> holds.reserve(team, key, "req_" + UUID.randomUUID(), Credits.parse(amount)));
    }

    /** A reservation's hold and the instance it was made on, or why it was refused. */
    private record Outcome(
            CreditLeases instance,
            @Nullable Hold hold,
            @Nullable Throwable failure) {}

    private record HeldRow(UUID id, boolean lease, BigDecimal amount) {}

    private List<Outcome> reserveConcurrently(
            List<CreditLeases> instances, TeamId team, @Nullable ApiKeyId key, Credits amount, int count)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Outcome>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CreditLeases instance = instances.get(i % instances.size());
            calls.add(() -> {
                start.await();
                Reservation reservation =
                        new Reservation(UUID.randomUUID(), team, key, "req_" + UUID.randomUUID(), amount);
                try {
                    return new Outcome(instance, instance.reserve(reservation, 0), null);
                } catch (RuntimeException refused) {
                    return new Outcome(instance, null, refused);
                }
            });
        }
        List<Outcome> outcomes = new ArrayList<>();
        try (ExecutorService callers = Executors.newFixedThreadPool(CALLERS)) {
            List<Future<Outcome>> futures = calls.stream().map(callers::submit).toList();
            start.countDown();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
        }
        return outcomes;
    }

    /** The sweeper releases the lease as if its instance had not renewed it for longer than the hold timeout. */
    private void releasedBySweeper(UUID lease) {
        Instant later = Instant.now().plus(properties.holdTimeout()).plusSeconds(1);
        CreditHoldRepository.OpenHold open = holdRows.staleSince(later, 500).stream()
                .filter(hold -> hold.id().equals(lease))
                .findFirst()
                .orElseThrow();
        assertThat(sweeper.release(open, later, Instant.now())).isEqualTo(1);
    }

    /** A statement of another module's to send with a settle, one whose effect is plain to see. */
    private static BoundStatement renaming(TeamId team, String name) {
        return new BoundStatement("update team set name = ? where id = ?", new Object[] {name, team.value()});
    }

    private String teamName(TeamId team) {
        return jdbc.sql("select name from team where id = ?")
                .param(team.value())
                .query(String.class)
                .single();
    }

    private List<HeldRow> heldRows(TeamId team) {
        return jdbc.sql("select id, lease, amount from credit_hold where team_id = ? and status = 'HELD'")
                .param(team.value())
                .query(HeldRow.class)
                .list();
    }

    private ApiKeyId keyWithBudget(TeamSummary team, @Nullable String budget) {
        return actors.asPlatformAdmin(() -> keys.issue(
                        team.id(),
                        new NewApiKey(
                                "key " + UUID.randomUUID(),
                                null,
                                budget == null ? null : Credits.parse(budget),
                                Set.of(),
                                null)))
                .key()
                .id();
    }

    private Books books() {
        return new Books(jdbc);
    }
}
