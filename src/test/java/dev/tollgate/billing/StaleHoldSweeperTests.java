package dev.tollgate.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.account.TeamSummary;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.IssuedApiKey;
import dev.tollgate.apikey.NewApiKey;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.Books;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestTeams;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** A request whose instance died never settles its hold; the sweeper gives the credit and the key budget back. */
@IntegrationTest
// the hold rows of calls, as with credit leases off; CreditLeaseTests cover calls on leases
@TestPropertySource(properties = "tollgate.billing.leases=false")
class StaleHoldSweeperTests {

    @Autowired
    StaleHoldSweeper sweeper;

    @Autowired
    CreditHolds holds;

    @Autowired
    HoldRenewals renewals;

    @Autowired
    ApiKeyService keys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestTeams testTeams;

    @Autowired
    Actors actors;

    @Test
    void aHoldOlderThanTheTimeoutIsReleasedOnceWithItsKeyReservation() {
        TeamSummary team = testTeams.createWithBalance("Stale", "1.00");
        IssuedApiKey key = actors.asPlatformAdmin(
                () -> keys.issue(team.id(), new NewApiKey("budgeted", null, Credits.parse("5.00"), Set.of(), null)));
        Hold stale = actors.asPlatformAdmin(
                () -> holds.reserve(team.id(), key.key().id(), "req_stale_" + team.id(), Credits.parse("0.30")));
        Hold fresh = actors.asPlatformAdmin(
                () -> holds.reserve(team.id(), null, "req_fresh_" + team.id(), Credits.parse("0.20")));
        jdbc.sql("update credit_hold set created_at = now() - interval '2 hours' where id = ?")
                .param(stale.id())
                .update();

        sweeper.releaseStaleHolds();
        sweeper.releaseStaleHolds();

        assertThat(status(stale)).isEqualTo("SETTLED");
        assertThat(status(fresh)).as("a hold within the timeout is left alone").isEqualTo("HELD");
        assertThat(books().held(team.id())).isEqualByComparingTo("0.20");
        assertThat(books().balance(team.id()))
                .as("nothing is charged for the dead request")
                .isEqualByComparingTo("1.00");
        assertThat(books().keyReserved(key.key().id())).isEqualByComparingTo("0");
        assertThat(holds.settle(stale, Credits.parse("0.10"), "late settle"))
                .as("a late settle after the sweep charges nothing")
                .isEqualTo(Credits.ZERO);
    }

    @Test
    void aHoldItsCallKeepsAliveOutlivesTheTimeoutWhileAnUnrenewedOneIsReleased() {
        TeamSummary team = testTeams.createWithBalance("Renewed", "1.00");
        Hold running = actors.asPlatformAdmin(
                () -> holds.reserve(team.id(), null, "req_running_" + team.id(), Credits.parse("0.30")));
        Hold dead = actors.asPlatformAdmin(
                () -> holds.reserve(team.id(), null, "req_dead_" + team.id(), Credits.parse("0.20")));
        jdbc.sql("update credit_hold set created_at = now() - interval '2 hours' where team_id = ?")
                .param(team.id().value())
                .update();

        try (LiveHold alive = holds.keepAlive(running)) {
            renewals.renew();
            sweeper.releaseStaleHolds();

            assertThat(status(running)).as("its call renews it").isEqualTo("HELD");
            assertThat(status(dead)).as("nobody renews it").isEqualTo("SETTLED");
        }
        assertThat(books().held(team.id())).isEqualByComparingTo("0.30");
        assertThat(holds.settle(running, Credits.parse("0.10"), "finished")).isEqualTo(Credits.parse("0.10"));
    }

    @Test
    void aCallSettlingAfterItsHoldWasReleasedIsChargedOnceFromTheBalance() {
        TeamSummary team = testTeams.createWithBalance("Late settle", "1.00");
        Hold released = actors.asPlatformAdmin(
                () -> holds.reserve(team.id(), null, "req_late_" + team.id(), Credits.parse("0.30")));
        jdbc.sql("update credit_hold set created_at = now() - interval '2 hours' where id = ?")
                .param(released.id())
                .update();
        sweeper.releaseStaleHolds();
        HoldCharge owed = actors.asPlatformAdmin(() -> holds.charge(released, Credits.parse("0.12"), "late call"));

        Map<UUID, Credits> first = holds.chargeAll(holds.claim(List.of(owed)));
        Map<UUID, Credits> again = holds.chargeAll(holds.claim(List.of(owed)));

        assertThat(first).containsEntry(released.id(), Credits.parse("0.12"));
        assertThat(again)
                .as("a second settle finds the charge made")
                .containsEntry(released.id(), Credits.parse("0.12"));
        assertThat(books().balance(team.id())).isEqualByComparingTo("0.88");
        assertThat(jdbc.sql("select count(*) from ledger_entry where team_id = ? and kind = 'CHARGE'")
                        .param(team.id().value())
                        .query(Long.class)
                        .single())
                .as("one charge row")
                .isEqualTo(1);
        assertThat(books().ledgerSum(team.id())).as("balance = Σ ledger").isEqualByComparingTo("0.88");
    }

    private Books books() {
        return new Books(jdbc);
    }

    private String status(Hold hold) {
        return jdbc.sql("select status from credit_hold where id = ?")
                .param(hold.id())
                .query(String.class)
                .single();
    }
}
