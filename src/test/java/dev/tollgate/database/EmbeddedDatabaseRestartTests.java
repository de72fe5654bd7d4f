package dev.tollgate.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The built-in PostgreSQL after its application died: a server the killed application left running is stopped so the
 * next one starts, nothing else is stopped, and what was committed is still there, also when the server itself was
 * killed a moment after the commit.
 */
class EmbeddedDatabaseRestartTests {

    @Test
    void aServerLeftRunningByAKilledApplicationIsStoppedAndTheNextStartSucceeds(@TempDir Path dataDir)
            throws Exception {
        Path binaries;
        try (EmbeddedPostgres first = start(dataDir)) {
            jdbc(first).sql("create table survivor (name text)").update();
            jdbc(first)
                    .sql("insert into survivor values ('committed before the crash')")
                    .update();
            binaries = postmaster(dataDir)
                    .info()
                    .command()
                    .map(Path::of)
                    .orElseThrow()
                    .getParent();
        }
        // what an application killed with SIGKILL leaves: its server running on, no instance holding the directory
        ProcessHandle orphan = startOutsideZonky(binaries, dataDir.resolve("postgres"));

        try (EmbeddedPostgres unrelated = EmbeddedPostgres.builder().start();
                EmbeddedPostgres second = start(dataDir)) {
            assertThat(jdbc(second)
                            .sql("select name from survivor")
                            .query(String.class)
                            .list())
                    .containsExactly("committed before the crash");
            assertThat(orphan.isAlive()).as("the orphaned server was stopped").isFalse();
            assertThat(jdbc(unrelated).sql("select 1").query(Integer.class).single())
                    .as("a server on another data directory is left alone")
                    .isEqualTo(1);
        }
    }

    @Test
    void aStalePidFileNamingAnotherProgramStopsNeitherTheStartNorThatProgram(@TempDir Path dataDir) throws Exception {
        List<String> pidFile;
        try (EmbeddedPostgres first = start(dataDir)) {
            pidFile = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"));
        }
        // the server died with the machine; after the reboot its pid belongs to some other program
        Process other = new ProcessBuilder("sleep", "120").start();
        try {
            List<String> stale = new ArrayList<>(pidFile);
            stale.set(0, Long.toString(other.pid()));
            Files.write(dataDir.resolve("postgres/postmaster.pid"), stale);

            try (EmbeddedPostgres second = start(dataDir)) {
                assertThat(jdbc(second).sql("select 1").query(Integer.class).single())
                        .isEqualTo(1);
            }
            assertThat(other.isAlive())
                    .as("a process that merely has the old pid is not stopped")
                    .isTrue();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void commitsSurviveTheServerBeingKilledTheMomentAfter(@TempDir Path dataDir) throws Exception {
        EmbeddedPostgres first = start(dataDir);
        assertThat(jdbc(first).sql("show fsync").query(String.class).single()).isEqualTo("on");
        assertThat(jdbc(first)
                        .sql("show synchronous_commit")
                        .query(String.class)
                        .single())
                .isEqualTo("on");
        try (Connection connection = first.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create table payment (id int primary key)");
            for (int id = 1; id <= 200; id++) {
                statement.execute("insert into payment values (" + id + ")");
            }
        }
        ProcessHandle postmaster = postmaster(dataDir);
        List<ProcessHandle> server = new ArrayList<>(postmaster.descendants().toList());
        server.add(postmaster);
        server.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : server) {
            process.onExit().get(10, TimeUnit.SECONDS);
        }
        first.close();

        try (EmbeddedPostgres second = start(dataDir)) {
            assertThat(jdbc(second)
                            .sql("select count(*) from payment")
                            .query(Long.class)
                            .single())
                    .as("every commit that returned was on disk before the server died")
                    .isEqualTo(200L);
        }
    }

    @Test
    void theThrowAwayDatabaseOfTestsKeepsItsFastSettings(@TempDir Path dataDir) throws Exception {
        try (EmbeddedPostgres throwAway = new EmbeddedDatabaseConfiguration()
                .embeddedPostgres(new EmbeddedDatabaseProperties(dataDir, true, 2))) {
            assertThat(jdbc(throwAway).sql("show fsync").query(String.class).single())
                    .isEqualTo("off");
            assertThat(jdbc(throwAway)
                            .sql("show synchronous_commit")
                            .query(String.class)
                            .single())
                    .isEqualTo("off");
        }
    }

    private static EmbeddedPostgres start(Path dataDir) throws IOException {
        return new EmbeddedDatabaseConfiguration().embeddedPostgres(new EmbeddedDatabaseProperties(dataDir, false, 2));
    }

    private static JdbcClient jdbc(EmbeddedPostgres postgres) {
        return JdbcClient.create(postgres.getPostgresDatabase());
    }

    private static ProcessHandle postmaster(Path dataDir) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                .getFirst()
                .strip());
        return ProcessHandle.of(pid).orElseThrow();
    }

    /** Starts a server the way zonky does ({@code pg_ctl start}, detached), but without taking the directory's lock. */
    private static ProcessHandle startOutsideZonky(Path binaries, Path directory) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // as zonky does for root, which PostgreSQL refuses to run as
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(
                binaries.resolve("pg_ctl").toString(),
                "-D",
                directory.toString(),
                "-o",
                "-p " + port,
                "-l",
                directory.resolveSibling("orphan.log").toString(),
                "-w",
                "start"));
        Process pgCtl = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(pgCtl.waitFor(60, TimeUnit.SECONDS) && pgCtl.exitValue() == 0)
                .as("the orphan server started")
                .isTrue();
        ProcessHandle postmaster = postmaster(directory.getParent());
        try (Connection connection =
                DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres")) {
            assertThat(connection.isValid(5)).as("the orphan server answers").isTrue();
        }
        return postmaster;
    }
}
