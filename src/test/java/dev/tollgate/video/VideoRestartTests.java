package dev.tollgate.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.TollgateApplication;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamService;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.billing.BillingService;
import dev.tollgate.billing.PrepaidCharges;
import dev.tollgate.support.Actors;
import dev.tollgate.support.TestTeams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

/** The queue lives in the database: jobs accepted by an instance that works none are made after a restart. */
class VideoRestartTests {

    @Test
    void queuedJobsOutliveARestartAndAreMadeByTheNextInstancesWorkers(@TempDir Path dataDir) throws Exception {
        TeamSummary team;
        UserDetails member;
        List<VideoJob> queued;
        try (ConfigurableApplicationContext first = start(dataDir, 0)) {
            Actors actors = new Actors(first.getBean(SecurityContextHolderStrategy.class));
            TestTeams teams = new TestTeams(
                    first.getBean(TeamService.class),
                    first.getBean(BillingService.class),
                    first.getBean(UserDetailsService.class),
                    actors);
            team = teams.createWithBalance("Video restart", "5.00");
            member = teams.addPerson(team, TeamRole.MEMBER);
            PaidJobs paid = paidJobs(first, actors);
            queued = List.of(
                    paid.queue(team, member, "A fox waiting out the night", "64x64", 1),
                    paid.queue(team, member, "An owl waiting for the dawn", "64x64", 1));
            Thread.sleep(300);
            for (VideoJob job : queued) {
                assertThat(paid.find(team, member, job.id()).status())
                        .as("no worker runs on this instance")
                        .isEqualTo(VideoStatus.QUEUED);
            }
        }

        try (ConfigurableApplicationContext second = start(dataDir, 2)) {
            Actors actors = new Actors(second.getBean(SecurityContextHolderStrategy.class));
            PaidJobs paid = paidJobs(second, actors);
            UserDetails signedInAgain =
                    second.getBean(UserDetailsService.class).loadUserByUsername(member.getUsername());
            for (VideoJob job : queued) {
                VideoJob done = paid.await(
                        team, signedInAgain, job.id(), found -> found.status().isFinished(), Duration.ofSeconds(30));
                assertThat(done.status()).isEqualTo(VideoStatus.COMPLETED);
                assertThat(paid.usage(job)).containsExactly("SUCCEEDED 0.600000000");
            }
            assertThat(paid.balance(team)).isEqualByComparingTo("3.80");
        }
    }

    private static PaidJobs paidJobs(ConfigurableApplicationContext app, Actors actors) {
        return new PaidJobs(
                app.getBean(PrepaidCharges.class),
                app.getBean(VideoJobs.class),
                actors,
                JdbcClient.create(app.getBean(javax.sql.DataSource.class)),
                app.getBean(JdbcTransactionManager.class));
    }

    private static ConfigurableApplicationContext start(Path dataDir, int workers) {
        return new SpringApplicationBuilder(TollgateApplication.class)
                .web(WebApplicationType.SERVLET)
                .run(
                        "--tollgate.database.embedded.data-dir=" + dataDir,
                        "--tollgate.media.directory=" + dataDir.resolve("media"),
                        "--tollgate.video.workers=" + workers,
                        "--tollgate.video.poll-interval=100ms",
                        "--tollgate.simulator.video-delay=0ms",
                        "--server.port=0",
                        "--tollgate.admin.password=restart-password",
                        "--vaadin.devmode.devTools.enabled=false");
    }
}
