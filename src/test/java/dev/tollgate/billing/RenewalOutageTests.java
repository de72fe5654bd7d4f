package dev.tollgate.billing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.CapturedLog;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.ReadOnlyDatabase;
import dev.tollgate.support.TestTeams;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The renewals of running calls' holds and of this instance's credit leases, while the database refuses writes: each
 * logs the outage once with its stack and once when it ends, not a stack on every run for as long as it lasts.
 */
@IntegrationTest
class RenewalOutageTests {

    private static final int RUNS_IN_THE_OUTAGE = 3;

    @Autowired
    CreditHolds holds;

    @Autowired
    HoldRenewals holdRenewals;

    @Autowired
    CreditLeases leases;

    @Autowired
    TestTeams testTeams;

    @Autowired
    Actors actors;

    @Autowired
    HikariDataSource database;

    @Test
    void eachRenewalLogsAnOutageOnceWithItsStackAndOnceWhenItEnds() {
        TeamSummary team = testTeams.createWithBalance("Renewed through an outage", "10.00");
        Hold leased = actors.asPlatformAdmin(
                () -> holds.reserve(team.id(), null, "req_leased_through_an_outage", Credits.of("0.01")));
        assertThat(leased.lease()).as("a call's hold taken from a lease").isNotNull();
        Hold own = new Hold(
                UUID.randomUUID(), team.id(), null, "req_held_through_an_outage", Credits.of("0.01"), false, null);
        try (LiveHold running = holds.keepAlive(own);
                CapturedLog holdLog = CapturedLog.of(HoldRenewals.class);
                CapturedLog leaseLog = CapturedLog.of(CreditLeases.class)) {
            try (ReadOnlyDatabase outage = ReadOnlyDatabase.of(database)) {
                for (int run = 0; run < RUNS_IN_THE_OUTAGE; run++) {
                    holdRenewals.renew();
                    leases.renew();
                }
            }
            holdRenewals.renew();
            leases.renew();

            assertOneStackThenItsEnd(holdLog.events(), "Renewing the holds of running calls");
            assertOneStackThenItsEnd(leaseLog.events(), "Renewing this instance's credit leases");
        } finally {
            holds.settle(leased, Credits.ZERO, "nothing used");
        }
    }

    /** The task's lines: its first failure with the stack, then the end of the streak, and nothing between. */
    private static void assertOneStackThenItsEnd(List<ILoggingEvent> events, String task) {
        List<ILoggingEvent> streak = events.stream()
                .filter(event -> event.getFormattedMessage().startsWith(task))
                .toList();
        assertThat(streak).hasSize(2);
        ILoggingEvent first = streak.getFirst();
        assertThat(first.getLevel()).isEqualTo(Level.WARN);
        assertThat(first.getFormattedMessage()).isEqualTo(task + " failed; it is tried again on the next run");
        assertThat(first.getThrowableProxy()).isNotNull();
        ILoggingEvent end = streak.getLast();
        assertThat(end.getLevel()).isEqualTo(Level.INFO);
        // a scheduled renewal may fail in the outage too
        assertThat(end.getFormattedMessage()).matches(task + " works again, after [3-9] failed runs over \\d+ s");
        assertThat(end.getThrowableProxy()).isNull();
    }
}
