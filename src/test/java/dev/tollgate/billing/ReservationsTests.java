package dev.tollgate.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.NewApiKey;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.Books;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestTeams;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.test.context.TestPropertySource;

/**
 * Reservations made together: however many calls reserve at once, no team holds more than its balance and no key more
 * than its budget, each request is decided as if alone in the order it came, and a batch that fails is made one by
 * one.
 */
@IntegrationTest
// the hold rows of calls, as with credit leases off; CreditLeaseTests cover calls on leases
@TestPropertySource(properties = "tollgate.billing.leases=false")
class ReservationsTests {

    private static final int CALLERS = 64;

    @Autowired
    CreditHolds holds;

    @Autowired
    Reservations reservations;

    @Autowired
    ApiKeyService keys;

    @Autowired
    TestTeams testTeams;

    @Autowired
    Actors actors;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void manyCallersReservingOneThinBalanceHoldAtMostTheBalanceAndRefusedOnesLeaveNothing() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Thin", "1.00");
        Credits amount = Credits.parse("0.013");

        List<Outcome> outcomes = reserveConcurrently(team.id(), null, amount, 200);

        List<Outcome> granted = granted(outcomes);
        BigDecimal heldByRows = heldByRows(team.id());
        assertThat(outcomes)
                .as("every refusal is the team's credit")
                .allMatch(
                        outcome -> outcome.hold() != null || outcome.failure() instanceof InsufficientCreditException);
        assertThat(heldByRows).as("the holds never exceed the balance").isLessThanOrEqualTo(new BigDecimal("1.00"));
        assertThat(books().held(team.id()))
                .as("the held column is the sum of the held rows")
                .isEqualByComparingTo(heldByRows);
        assertThat(new BigDecimal("1.00").subtract(heldByRows))
                .as("a request was refused only when the credit left could not cover it")
                .isLessThan(amount.amount());
        assertThat(holdRows(team.id()))
                .as("a refused request leaves no hold row")
                .isEqualTo(granted.size());
        assertThat(transactionsOfHolds(team.id()))
                .as("concurrent reservations were made together, in fewer transactions than holds")
                .isLessThan(granted.size());
    }

    @Test
    void manyCallersReservingOneKeysBudgetHoldAtMostTheBudget() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Budgeted", "100.00");
        ApiKeyId key = keyWithBudget(team, "1.00");
        Credits amount = Credits.parse("0.017");

        List<Outcome> outcomes = reserveConcurrently(team.id(), key, amount, 200);

        List<Outcome> granted = granted(outcomes);
        BigDecimal heldByRows = heldByRows(team.id());
        assertThat(outcomes)
                .as("every refusal is the key's budget")
                .allMatch(outcome -> outcome.hold() != null || outcome.failure() instanceof KeyBudgetExceededException);
        assertThat(granted)
                .as("every granted hold reserves key budget")
                .allMatch(outcome -> outcome.hold().holdsKeyBudget());
        assertThat(heldByRows).as("the holds never exceed the budget").isLessThanOrEqualTo(new BigDecimal("1.00"));
        assertThat(books().keyReserved(key))
                .as("the key's reservation is the sum of its held rows")
                .isEqualByComparingTo(heldByRows);
        assertThat(books().held(team.id()))
                .as("the team holds what the key reserved")
                .isEqualByComparingTo(heldByRows);
        assertThat(new BigDecimal("1.00").subtract(heldByRows))
                .as("a request was refused only when the budget left could not cover it")
                .isLessThan(amount.amount());
        assertThat(holdRows(team.id()))
                .as("a refused request leaves no hold row")
                .isEqualTo(granted.size());
        assertThat(transactionsOfHolds(team.id()))
                .as("concurrent reservations were made together, in fewer transactions than holds")
                .isLessThan(granted.size());
    }

    @Test
    void aBatchOfTwoTeamsRefusesOnlyWhatEachTeamOrKeyCannotCoverInTheOrderTheyCame() {
        TeamSummary rich = testTeams.createWithBalance("Rich", "1.00");
        TeamSummary poor = testTeams.createWithBalance("Poor", "0.50");
        ApiKeyId richKey = keyWithBudget(rich, "0.70");

        List<CreditHoldRepository.Reserved> reserved = reservations.reserveAsOneBatch(List.of(
                reservation(rich, richKey, "0.40"),
                reservation(poor, null, "0.40"),
                reservation(rich, null, "0.30"),
                reservation(poor, null, "0.40"),
                reservation(rich, richKey, "0.20"),
                reservation(poor, null, "0.10"),
                reservation(rich, richKey, "0.20")));

        assertThat(reserved)
                .extracting(CreditHoldRepository.Reserved::held)
                .as("the poor team's second request is refused, its later smaller one still fits, and the rich team's"
                        + " go through until its key's budget is used")
                .containsExactly(true, true, true, false, true, true, false);
        assertThat(reserved)
                .extracting(CreditHoldRepository.Reserved::keyBudgetShort)
                .as("only the last request is refused for its key's budget")
                .containsExactly(false, false, false, false, false, false, true);
        assertThat(books().held(rich.id())).isEqualByComparingTo("0.90");
        assertThat(books().held(poor.id())).isEqualByComparingTo("0.50");
        assertThat(books().keyReserved(richKey)).isEqualByComparingTo("0.60");
        assertThat(heldByRows(rich.id())).isEqualByComparingTo("0.90");
        assertThat(heldByRows(poor.id())).isEqualByComparingTo("0.50");
        assertThat(jdbc.sql("select count(distinct xmin::text) from credit_hold where team_id in (?, ?)")
                        .params(rich.id().value(), poor.id().value())
                        .query(Long.class)
                        .single())
                .as("the batch was written in one transaction")
                .isEqualTo(1);
    }

    @Test
    void aBatchThatFailsIsReservedOneByOneAndOnlyTheBadRequestIsRefused() {
        TeamSummary team = testTeams.createWithBalance("Duplicate", "1.00");
        Hold earlier = actors.asPlatformAdmin(
                () -> holds.reserve(team.id(), null, "req_twice_" + team.id(), Credits.parse("0.10")));
        Reservation first = reservation(team, null, "0.20");
        Reservation again =
                new Reservation(UUID.randomUUID(), team.id(), null, earlier.requestId(), Credits.parse("0.20"));
        Reservation last = reservation(team, null, "0.30");

        Throwable failure = catchThrowable(() -> reservations.reserveAsOneBatch(List.of(first, again, last)));

        assertThat(failure)
                .as("the request reusing a request id is refused by the database")
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(DuplicateKeyException.class);
        assertThat(holdIds(team.id()))
                .as("the other requests of the batch were reserved one by one")
                .containsExactlyInAnyOrder(earlier.id(), first.holdId(), last.holdId());
        assertThat(books().held(team.id())).isEqualByComparingTo("0.60");
        assertThat(heldByRows(team.id())).isEqualByComparingTo("0.60");
    }

    @Test
    void aBatchFindingTheDatabaseUnreachableFailsEachCallerAsASingleReserveWould() {
        DriverManagerDataSource nowhere = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/tollgate");
        Reservations unreachable = new Reservations(
                new CreditHoldRepository(JdbcClient.create(nowhere)),
                new JdbcTransactionManager(nowhere),
                Clock.systemUTC());
        TeamSummary team = testTeams.createWithBalance("Unreachable", "1.00");

        Throwable alone = catchThrowable(() -> unreachable.reserveAsOneBatch(List.of(reservation(team, null, "0.1"))));
        Throwable together = catchThrowable(() ->
                unreachable.reserveAsOneBatch(List.of(reservation(team, null, "0.1"), reservation(team, null, "0.2"))));

        assertThat(alone).hasCauseInstanceOf(CannotGetJdbcConnectionException.class);
        assertThat(together)
                .as("a batch fails with what a single reserve fails with")
                .hasCauseInstanceOf(CannotGetJdbcConnectionException.class);
    }

    @Test
    void reservationsMadeAfterCloseAreMadeAlone() throws InterruptedException {
        Reservations closing = new Reservations(
                new CreditHoldRepository(jdbc), new JdbcTransactionManager(dataSource), Clock.systemUTC());
        closing.start();
        closing.close();
        TeamSummary team = testTeams.createWithBalance("Closed", "1.00");
        Reservation reservation = reservation(team, null, "0.25");

        CreditHoldRepository.Reserved reserved = closing.reserve(reservation);

        assertThat(reserved.held()).isTrue();
        assertThat(holdIds(team.id())).containsExactly(reservation.holdId());
        assertThat(books().held(team.id())).isEqualByComparingTo("0.25");
    }

    /** A reservation's hold, or why it was refused. */
    private record Outcome(@Nullable Hold hold, @Nullable Throwable failure) {}

    private List<Outcome> reserveConcurrently(TeamId team, @Nullable ApiKeyId key, Credits amount, int count)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Outcome>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(() -> {
                start.await();
                try {
                    return new Outcome(
                            actors.asPlatformAdmin(() -> holds.reserve(team, key, "req_" + UUID.randomUUID(), amount)),
                            null);
                } catch (RuntimeException refused) {
                    return new Outcome(null, refused);
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

    private static List<Outcome> granted(List<Outcome> outcomes) {
        return outcomes.stream().filter(outcome -> outcome.hold() != null).toList();
    }

    private ApiKeyId keyWithBudget(TeamSummary team, String budget) {
        return actors.asPlatformAdmin(() ->
                        keys.issue(team.id(), new NewApiKey("budgeted", null, Credits.parse(budget), Set.of(), null)))
                .key()
                .id();
    }

    private static Reservation reservation(TeamSummary team, @Nullable ApiKeyId key, String amount) {
        return new Reservation(UUID.randomUUID(), team.id(), key, "req_" + UUID.randomUUID(), Credits.parse(amount));
    }

    private BigDecimal heldByRows(TeamId team) {
        return jdbc.sql("select coalesce(sum(amount), 0) from credit_hold where team_id = ? and status = 'HELD'")
                .param(team.value())
                .query(BigDecimal.class)
                .single();
    }

    private long holdRows(TeamId team) {
        return jdbc.sql("select count(*) from credit_hold where team_id = ?")
                .param(team.value())
                .query(Long.class)
                .single();
    }

    private List<UUID> holdIds(TeamId team) {
        return jdbc.sql("select id from credit_hold where team_id = ?")
                .param(team.value())
                .query(UUID.class)
                .list();
    }

    private long transactionsOfHolds(TeamId team) {
        return jdbc.sql("select count(distinct xmin::text) from credit_hold where team_id = ?")
                .param(team.value())
                .query(Long.class)
                .single();
    }

    private Books books() {
        return new Books(jdbc);
    }
}
