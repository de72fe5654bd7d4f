package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.billing.CreditHolds;
import dev.tollgate.billing.Hold;
import dev.tollgate.catalog.ChatCost;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.usage.UsageKind;
import dev.tollgate.usage.UsageRecord;
import dev.tollgate.usage.UsageSource;
import dev.tollgate.usage.UsageStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    ApiKeyService keys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Actors actors;

    @Test
    void manyConcurrentSettlesOfOneTeamAndKeyAreAppliedExactly() throws Exception {
        Funded funded = fund("Busy team", "40", "50");
        int calls = 300;
        List<Callable<Credits>> settles = new ArrayList<>();
        BigDecimal expected = BigDecimal.ZERO;
        for (int i = 0; i < calls; i++) {
            Credits cost = i % 10 == 0
                    ? Credits.ZERO
                    : new Credits(new BigDecimal("0.010000001").multiply(BigDecimal.valueOf(i % 7)));
            expected = expected.add(cost.amount());
            Hold hold = reserve(funded, "0.1");
            Settlements.Settlement settlement = settlement(funded, hold, cost);
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
        assertThat(jdbc.sql("select spent from api_key where id = ?")
                        .param(funded.key().value())
                        .query(BigDecimal.class)
                        .single())
                .as("the key spent what its calls cost")
                .isEqualByComparingTo(expected);
        assertThat(jdbc.sql("select reserved from api_key where id = ?")
                        .param(funded.key().value())
                        .query(BigDecimal.class)
                        .single())
                .as("no budget left reserved")
                .isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(count("select count(*) from usage_record where team_id = ?", funded.team()))
                .isEqualTo(calls);
        assertThat(count("select count(*) from credit_hold where team_id = ? and status = 'HELD'", funded.team()))
                .isZero();
        assertThat(count("select count(distinct xmin::text) from credit_hold where team_id = ?", funded.team()))
                .as("calls were settled together, in fewer transactions than calls")
                .isLessThan(calls);
    }

    @Test
    void aHoldSettledBeforeKeepsItsChargeWhileTheRestOfTheBatchIsCharged() {
        Funded funded = fund("Settled twice", "1", "10");
        Hold first = reserve(funded, "0.1");
        Hold already = reserve(funded, "0.1");
        Hold third = reserve(funded, "0.1");
        actors.asPlatformAdmin(() -> holds.settle(already, Credits.of("0.03"), "settled earlier"));

        List<Credits> charged = settlements.settleAsOneBatch(List.of(
                settlement(funded, first, Credits.of("0.01")),
                settlement(funded, already, Credits.of("0.05")),
                settlement(funded, third, Credits.of("0.02"))));

        assertThat(charged).containsExactly(Credits.of("0.01"), Credits.of("0.03"), Credits.of("0.02"));
        assertThat(balance(funded.team())).isEqualByComparingTo("0.94");
        assertThat(held(funded.team())).isEqualByComparingTo(BigDecimal.ZERO);
        assertLedgerRunsConsistently(funded.team());
        assertThat(count("select count(*) from ledger_entry where team_id = ? and kind = 'CHARGE'", funded.team()))
                .as("one charge per hold, the earlier settle's included")
                .isEqualTo(3);
        assertThat(jdbc.sql("select spent from api_key where id = ?")
                        .param(funded.key().value())
                        .query(BigDecimal.class)
                        .single())
                .as("the key spent what the team paid")
                .isEqualByComparingTo("0.06");
    }

    @Test
    void aChargeBeyondItsHoldAndTheRemainingCreditIsCutAloneAndTheOthersAreCharged() {
        Funded funded = fund("Overrun", "0.3", "10");
        Hold small = reserve(funded, "0.1");
        Hold overrun = reserve(funded, "0.1");
        Hold other = reserve(funded, "0.1");

        List<Credits> charged = settlements.settleAsOneBatch(List.of(
                settlement(funded, small, Credits.of("0.05")),
                settlement(funded, overrun, Credits.of("0.5")),
                settlement(funded, other, Credits.of("0.04"))));

        assertThat(charged).containsExactly(Credits.of("0.05"), Credits.of("0.1"), Credits.of("0.04"));
        assertThat(balance(funded.team())).as("nothing negative").isEqualByComparingTo("0.11");
        assertThat(held(funded.team())).isEqualByComparingTo(BigDecimal.ZERO);
        assertLedgerRunsConsistently(funded.team());
        assertThat(count("select count(*) from usage_record where team_id = ?", funded.team()))
                .isEqualTo(3);
        assertThat(jdbc.sql("select spent from api_key where id = ?")
                        .param(funded.key().value())
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("0.19");
    }

    private record Funded(TeamId team, ApiKeyId key) {}

    private Funded fund(String name, String balance, String keyBudget) {
        AdminApiClient admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        String team = admin.createFundedTeam(name, balance);
        String key = admin.createKey(team, "{\"name\":\"batch\",\"budget\":\"" + keyBudget + "\"}")
                .get("id")
                .asString();
        return new Funded(new TeamId(UUID.fromString(team)), new ApiKeyId(UUID.fromString(key)));
    }

    private Hold reserve(Funded funded, String amount) {
        Hold hold = actors.asPlatformAdmin(() ->
                holds.reserve(funded.team(), funded.key().value(), "req-" + UUID.randomUUID(), Credits.of(amount)));
        keys.reserveBudget(funded.key(), hold.amount());
        return hold;
    }

    private Settlements.Settlement settlement(Funded funded, Hold hold, Credits cost) {
        ChatCost lines = new ChatCost(Credits.ZERO, cost, Credits.ZERO, Credits.ZERO);
        UsageRecord usage = new UsageRecord(
                hold.requestId(),
                funded.team(),
                funded.key(),
                null,
                UsageSource.API,
                UsageKind.CHAT,
                new ModelId("aws/claude-haiku-4-5"),
                "openai",
                "simulator",
                UsageStatus.SUCCEEDED,
                new TokenCounts(10, 20, 0, 0),
                lines,
                Credits.ZERO,
                Duration.ofMillis(5),
                null,
                "STOP",
                null,
                Instant.now());
        return new Settlements.Settlement(
                holds.charge(hold, lines.total(), "Chat test"), usage, funded.key(), hold.amount());
    }

    private void assertLedgerRunsConsistently(TeamId team) {
        List<BigDecimal[]> rows = jdbc.sql(
                        "select amount, balance_after from ledger_entry where team_id = ? order by id")
                .param(team.value())
                .query((rs, row) -> new BigDecimal[] {rs.getBigDecimal(1), rs.getBigDecimal(2)})
                .list();
        BigDecimal running = BigDecimal.ZERO;
        for (BigDecimal[] row : rows) {
            running = running.add(row[0]);
            assertThat(row[1]).as("balance after each ledger row, in id order").isEqualByComparingTo(running);
        }
        assertThat(running).as("balance = Σ ledger").isEqualByComparingTo(balance(team));
    }

    private BigDecimal balance(TeamId team) {
        return jdbc.sql("select balance from credit_account where team_id = ?")
                .param(team.value())
                .query(BigDecimal.class)
                .single();
    }

    private BigDecimal held(TeamId team) {
        return jdbc.sql("select held from credit_account where team_id = ?")
                .param(team.value())
                .query(BigDecimal.class)
                .single();
    }

    private long count(String sql, TeamId team) {
        return jdbc.sql(sql).param(team.value()).query(Long.class).single();
    }
}
