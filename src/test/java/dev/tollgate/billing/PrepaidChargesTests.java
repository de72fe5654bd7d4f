package dev.tollgate.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.account.TeamSummary;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.Books;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestTeams;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Fixed prices paid up front: never more than the available credit, and each refunded at most once. */
@IntegrationTest
class PrepaidChargesTests {

    @Autowired
    PrepaidCharges charges;

    @Autowired
    CreditHolds holds;

    @Autowired
    TestTeams testTeams;

    @Autowired
    Actors actors;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aChargeAndItsRefundLeaveTheBalanceAsItWasWithBothInTheLedger() {
        TeamSummary team = testTeams.createWithBalance("Prepaid", "1.00");
        PrepaidCharge charge = actors.asPlatformAdmin(
                () -> charges.charge(team.id(), null, "req-prepaid-1", Credits.of("0.36"), "Image"));
        assertThat(balance(team)).isEqualByComparingTo("0.64");

        assertThat(charges.refund(charge, "render failed")).isTrue();
        assertThat(charges.refund(charge, "render failed again"))
                .as("a second failure refunds nothing")
                .isFalse();

        assertThat(balance(team)).isEqualByComparingTo("1.00");
        assertThat(charges.isRefunded(charge.id())).isTrue();
        assertThat(jdbc.sql("select kind || ' ' || amount from ledger_entry where team_id = ? order by id")
                        .param(team.id().value())
                        .query(String.class)
                        .list())
                .containsExactly("TOP_UP 1.000000000", "CHARGE -0.360000000", "REFUND 0.360000000");
    }

    @Test
    void manySimultaneousFailureSignalsRefundExactlyOnce() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Refund race", "1.00");
        PrepaidCharge charge = actors.asPlatformAdmin(
                () -> charges.charge(team.id(), null, "req-prepaid-race", Credits.of("0.60"), "Video"));
        List<Callable<Boolean>> signals = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            signals.add(() -> charges.refund(charge, "worker gave up"));
        }
        List<Boolean> refunded = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<Boolean> result : pool.invokeAll(signals)) {
                refunded.add(result.get());
            }
        }

        assertThat(refunded.stream().filter(Boolean::booleanValue)).hasSize(1);
        assertThat(balance(team)).isEqualByComparingTo("1.00");
    }

    @Test
    void aChargeNeverSpendsCreditThatRequestsInFlightHold() {
        TeamSummary team = testTeams.createWithBalance("Held", "0.50");
        actors.asPlatformAdmin(() -> {
            holds.reserve(team.id(), null, "req-held", Credits.of("0.40"));
            assertThatThrownBy(() -> charges.charge(team.id(), null, "req-over", Credits.of("0.16"), "Image"))
                    .isInstanceOf(InsufficientCreditException.class);
            charges.charge(team.id(), null, "req-fits", Credits.of("0.10"), "Image");
        });
        assertThat(balance(team)).isEqualByComparingTo("0.40");
    }

    @Test
    void parallelChargesNeverTakeTheBalanceBelowZero() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Parallel prepaid", "1.00");
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String request = "req-parallel-" + i;
            attempts.add(() -> actors.asPlatformAdmin(() -> {
                try {
                    charges.charge(team.id(), null, request, Credits.of("0.16"), "Image");
                    return true;
                } catch (InsufficientCreditException e) {
                    return false;
                }
            }));
        }
        List<Boolean> charged = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (Future<Boolean> result : pool.invokeAll(attempts)) {
                charged.add(result.get());
            }
        }

        assertThat(charged.stream().filter(Boolean::booleanValue))
                .as("1.00 covers six")
                .hasSize(6);
        assertThat(balance(team)).isEqualByComparingTo("0.04");
        assertThat(jdbc.sql("select sum(amount) from ledger_entry where team_id = ?")
                        .param(team.id().value())
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("0.04");
    }

    private BigDecimal balance(TeamSummary team) {
        return new Books(jdbc).balance(team.id());
    }
}
