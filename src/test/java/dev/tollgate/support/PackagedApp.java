package dev.tollgate.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The jar the build packaged ({@code tollgate.jar}, set by the failsafe plugin), started as a process of its own with
 * the environment an operator would give it, on the JDK running the tests. Its output goes to a log file in
 * {@code tollgate.logs} (the failsafe reports), shown when the application does not come up.
 */
public final class PackagedApp implements AutoCloseable {

    // one per process started, so that no connection pooled with an earlier (killed) process is tried
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final long launchedAt = System.nanoTime();
    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final int port;

    private PackagedApp(Process process, Path dataDir, Path log, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
    }

    /** Starts the jar on {@code dataDir} and {@code port} with the given environment on top of the usual settings. */
    public static PackagedApp start(Path dataDir, int port, Map<String, String> environment) throws IOException {
        Path jar = Path.of(System.getProperty("tollgate.jar", "target/tollgate.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No packaged application at " + jar + "; run it through ./mvnw verify");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Path logs = Files.createDirectories(
                Path.of(System.getProperty("tollgate.logs", dataDir.getParent().toString())));
        Path log = Files.createTempFile(logs, "tollgate-", ".log");
        // the jar of the default build has neither Vaadin's development server (left out as optional) nor the
        // production bundle (built by -Pproduction), so it starts only in production mode; the portal then has no
        // front end, which nothing run against this jar needs
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-Dvaadin.productionMode=true",
                        "-jar",
                        jar.toAbsolutePath().toString())
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("TOLLGATE_") || name.startsWith("SPRING_"));
        env.put("TOLLGATE_DATA_DIR", dataDir.toString());
        env.put("PORT", Integer.toString(port));
        env.put("TOLLGATE_MASTER_KEY", IntegrationTest.MASTER_KEY);
        env.put("TOLLGATE_ADMIN_PASSWORD", IntegrationTest.ADMIN_PASSWORD);
        env.putAll(environment);
        return new PackagedApp(builder.start(), dataDir, log, port);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** The process id, which the application's instance names (video workers, webhook deliveries) carry. */
    public long pid() {
        return process.pid();
    }

    /** Waits until the health endpoint answers UP; how long it took since the process was launched. */
    public Duration awaitReady(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The application exited with " + process.exitValue() + ":\n" + log());
            }
            if (healthy()) {
                return Duration.ofNanos(System.nanoTime() - launchedAt);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The application did not come up within " + patience + ":\n" + log());
    }

    /** Kills the process with SIGKILL, as the OOM killer or {@code kill -9} would: nothing of it runs any more. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The database of the running application: the embedded server's port is in its {@code postmaster.pid}. */
    public DataSource database() throws IOException {
        List<String> pidFile = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
        return new DriverManagerDataSource(
                "jdbc:postgresql://localhost:" + pidFile.get(3).strip() + "/postgres", "postgres", "");
    }

    public String log() {
        try {
            String text = Files.readString(log);
            return text.length() <= 20_000 ? text : text.substring(text.length() - 20_000);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the application as an operator would (SIGTERM), killing it if it has not stopped after half a minute. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private boolean healthy() {
        try {
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                            // an application that is up may still answer slowly while it renders videos on a busy
                            // machine
                            .timeout(Duration.ofSeconds(20))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
