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
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On a shared database, a fixed-price charge whose request died before confirming it is refunded once it has waited
 * the confirm timeout (30 minutes); a confirmed one stands, and a confirmation that comes after the refund is refused.
 */
@IntegrationTest
class UnconfirmedChargesTests {

    @Autowired
    UnconfirmedCharges unconfirmed;

    @Autowired
    PrepaidCharges charges;

    @Autowired
    ApiKeyService keys;

    @Autowired
    TestTeams testTeams;

    @Autowired
    Actors actors;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aChargeLeftUnconfirmedPastTheTimeoutIsRefundedOnceWithItsKeysSpending() {
        TeamSummary team = testTeams.createWithBalance("Unconfirmed", "1.00");
        IssuedApiKey key = actors.asPlatformAdmin(
                () -> keys.issue(team.id(), new NewApiKey("images", null, Credits.parse("5.00"), Set.of(), null)));
        PrepaidCharge abandoned = actors.asPlatformAdmin(() -> charges.charge(
                team.id(), key.key().id(), "req_abandoned_" + team.id(), Credits.parse("0.36"), "Image"));
        PrepaidCharge stored = actors.asPlatformAdmin(() ->
                charges.charge(team.id(), key.key().id(), "req_stored_" + team.id(), Credits.parse("0.20"), "Image"));
        PrepaidCharge rendering = actors.asPlatformAdmin(() -> charges.charge(
                team.id(), key.key().id(), "req_rendering_" + team.id(), Credits.parse("0.10"), "Image"));
        assertThat(charges.confirm(stored)).isTrue();
        jdbc.sql("update prepaid_charge set created_at = now() - interval '2 hours' where id in (?, ?)")
                .params(abandoned.id(), stored.id())
                .update();

        unconfirmed.refundStale();
        unconfirmed.refundStale();

        Books books = new Books(jdbc);
        assertThat(charges.isRefunded(abandoned.id()))
                .as("nobody confirmed it for two hours")
                .isTrue();
        assertThat(charges.isRefunded(stored.id())).as("its images were stored").isFalse();
        assertThat(charges.isRefunded(rendering.id()))
                .as("still within the timeout")
                .isFalse();
        assertThat(books.refunds(team.id())).as("refunded once").isEqualByComparingTo("0.36");
        assertThat(books.balance(team.id()))
                .isEqualByComparingTo("0.70")
                .isEqualByComparingTo(books.ledgerSum(team.id()));
        assertThat(books.keySpent(key.key().id())).isEqualByComparingTo("0.30");
        assertThat(charges.confirm(abandoned))
                .as("a request confirming after its charge was refunded is told so")
                .isFalse();
        assertThat(charges.isRefunded(abandoned.id())).isTrue();
    }
}
