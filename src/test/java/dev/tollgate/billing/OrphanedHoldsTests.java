package dev.tollgate.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.TollgateApplication;
import dev.tollgate.account.TeamService;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.IssuedApiKey;
import dev.tollgate.apikey.NewApiKey;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.Books;
import dev.tollgate.support.TestTeams;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Holds and unconfirmed charges of requests that died with their process: released or refunded as soon as the
 * application starts again on its own embedded database, but left alone on a shared database, where they may be
 * another instance's live requests.
 */
class OrphanedHoldsTests {

    @Test
    void holdsLeftOpenByAnEndedRunAreReleasedWhenTheEmbeddedDatabaseStartsAgain(@TempDir Path dataDir) {
        TeamSummary team;
        IssuedApiKey key;
        Hold open;
        try (ConfigurableApplicationContext first =
                start(dataDir, "--tollgate.database.embedded.data-dir=" + dataDir)) {
            Actors actors = actors(first);
            team = teams(first, actors).createWithBalance("Crashed", "1.00");
            ApiKeyService keys = first.getBean(ApiKeyService.class);
            key = actors.asPlatformAdmin(() ->
                    keys.issue(team.id(), new NewApiKey("budgeted", null, Credits.parse("5.00"), Set.of(), null)));
            // a request in flight when the process died: held, its key's budget reserved, never settled
            open = actors.asPlatformAdmin(() -> first.getBean(CreditHolds.class)
                    .reserve(team.id(), key.key().id(), "req_died_" + team.id(), Credits.parse("0.30")));
        }

        try (ConfigurableApplicationContext second =
                start(dataDir, "--tollgate.database.embedded.data-dir=" + dataDir)) {
            JdbcClient jdbc = JdbcClient.create(second.getBean(DataSource.class));
            assertThat(jdbc.sql(
                                    "select status || ' ' || (released_at is not null) || ' ' || coalesce(charged::text, '-')"
                                            + " from credit_hold where id = ?")
                            .param(open.id())
                            .query(String.class)
                            .single())
                    .as("the dead request's hold is released on start, not a hold timeout later, and charges nothing")
                    .isEqualTo("SETTLED true -");
            assertThat(number(
                            jdbc,
                            "select held from credit_account where team_id = ?",
                            team.id().value()))
                    .isEqualByComparingTo("0");
            assertThat(number(
                            jdbc,
                            "select balance from credit_account where team_id = ?",
                            team.id().value()))
                    .as("nothing is charged for the dead request")
                    .isEqualByComparingTo("1.00")
                    .isEqualByComparingTo(number(
                            jdbc,
                            "select sum(amount) from ledger_entry where team_id = ?",
                            team.id().value()));
            assertThat(new Books(jdbc).keyReserved(key.key().id()))
                    .as("the key's reserved budget is given back with the hold")
                    .isEqualByComparingTo("0");
        }
    }

    @Test
    void chargesLeftUnconfirmedByAnEndedRunAreRefundedWhenTheEmbeddedDatabaseStartsAgain(@TempDir Path dataDir) {
        TeamSummary team;
        IssuedApiKey key;
        PrepaidCharge died;
        PrepaidCharge delivered;
        try (ConfigurableApplicationContext first =
                start(dataDir, "--tollgate.database.embedded.data-dir=" + dataDir)) {
            Actors actors = actors(first);
            team = teams(first, actors).createWithBalance("Killed mid-render", "1.00");
            ApiKeyService keys = first.getBean(ApiKeyService.class);
            key = actors.asPlatformAdmin(
                    () -> keys.issue(team.id(), new NewApiKey("images", null, Credits.parse("5.00"), Set.of(), null)));
            PrepaidCharges charges = first.getBean(PrepaidCharges.class);
            // an image request paid for and still rendering when the process died: never confirmed
            died = actors.asPlatformAdmin(() -> charges.charge(
                    team.id(), key.key().id(), "req_rendering_" + team.id(), Credits.parse("0.36"), "Image"));
            // one whose images were stored before the end
            delivered = actors.asPlatformAdmin(() -> charges.charge(
                    team.id(), key.key().id(), "req_stored_" + team.id(), Credits.parse("0.20"), "Image"));
            charges.confirm(delivered);
        }

        try (ConfigurableApplicationContext second =
                start(dataDir, "--tollgate.database.embedded.data-dir=" + dataDir)) {
            JdbcClient jdbc = JdbcClient.create(second.getBean(DataSource.class));
            PrepaidCharges charges = second.getBean(PrepaidCharges.class);
            Books books = new Books(jdbc);
            assertThat(charges.isRefunded(died.id()))
                    .as("the dead request's charge is refunded on start")
                    .isTrue();
            assertThat(charges.isRefunded(delivered.id()))
                    .as("a confirmed charge stands")
                    .isFalse();
            assertThat(books.balance(team.id()))
                    .as("only the delivered images are paid for")
                    .isEqualByComparingTo("0.80")
                    .isEqualByComparingTo(books.ledgerSum(team.id()));
            assertThat(books.keySpent(key.key().id()))
                    .as("the key's spending gives the refunded charge back")
                    .isEqualByComparingTo("0.20");
        }
    }

    @Test
    void anInstanceStartingOnASharedDatabaseLeavesTheHoldsOfOthersAlone(@TempDir Path dataDir) throws Exception {
        try (EmbeddedPostgres shared = EmbeddedPostgres.builder().start()) {
            String url = "--spring.datasource.url=" + shared.getJdbcUrl("postgres", "postgres");
            List<ConfigurableApplicationContext> instances = new ArrayList<>();
            try {
                ConfigurableApplicationContext running =
                        start(dataDir, url, "--spring.datasource.username=postgres", "--spring.datasource.password=");
                instances.add(running);
                Actors actors = actors(running);
                TeamSummary team = teams(running, actors).createWithBalance("Shared", "1.00");
                Hold inFlight = actors.asPlatformAdmin(() -> running.getBean(CreditHolds.class)
                        .reserve(team.id(), null, "req_live_" + team.id(), Credits.parse("0.30")));

                instances.add(
                        start(dataDir, url, "--spring.datasource.username=postgres", "--spring.datasource.password="));

                JdbcClient jdbc = JdbcClient.create(shared.getPostgresDatabase());
                assertThat(jdbc.sql("select status from credit_hold where id = ?")
                                .param(inFlight.id())
                                .query(String.class)
                                .single())
                        .as("another instance's request is still running; its hold stays")
                        .isEqualTo("HELD");
                assertThat(number(
                                jdbc,
                                "select held from credit_account where team_id = ?",
                                team.id().value()))
                        .isEqualByComparingTo("0.30");
            } finally {
                instances.forEach(ConfigurableApplicationContext::close);
            }
        }
    }

    private static BigDecimal number(JdbcClient jdbc, String sql, UUID id) {
        return jdbc.sql(sql).param(id).query(BigDecimal.class).single();
    }

    private static Actors actors(ConfigurableApplicationContext app) {
        return new Actors(app.getBean(SecurityContextHolderStrategy.class));
    }

    private static TestTeams teams(ConfigurableApplicationContext app, Actors actors) {
        return new TestTeams(
                app.getBean(TeamService.class),
                app.getBean(BillingService.class),
                app.getBean(UserDetailsService.class),
                actors);
    }

    private static ConfigurableApplicationContext start(Path dataDir, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--tollgate.media.directory=" + dataDir.resolve("media"),
                "--tollgate.secret.key-file=" + dataDir.resolve("secret.key"),
                "--tollgate.video.workers=0",
                // the hold rows of calls; CreditLeaseTests cover the leases a killed process left
                "--tollgate.billing.leases=false",
                "--server.port=0",
                "--tollgate.admin.password=restart-password",
                "--vaadin.devmode.devTools.enabled=false"));
        return new SpringApplicationBuilder(TollgateApplication.class)
                .web(WebApplicationType.SERVLET)
                .run(all.toArray(String[]::new));
    }
}
