package dev.tollgate.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Debian's nginx running the production balancer configuration ({@code docs/deploy/nginx.conf}) on loopback, with the
 * replicas' container names replaced by their local ports and its files in a folder of the test's.
 */
public final class LoadBalancer implements AutoCloseable {

    private static final Pattern UPSTREAM = Pattern.compile("upstream=([0-9.]+:\\d+)");

    private final Process process;
    private final Path folder;
    private final int port;

    private LoadBalancer(Process process, Path folder, int port) {
        this.process = process;
        this.folder = folder;
        this.port = port;
    }

    /** Starts nginx on {@code port} in front of the replicas listening on {@code replicaPorts}, in order. */
    public static LoadBalancer start(Path folder, int port, List<Integer> replicaPorts)
            throws IOException, InterruptedException {
        String conf = Files.readString(Path.of("docs/deploy/nginx.conf"))
                .replace("listen 8080;", "listen 127.0.0.1:" + port + ";")
                .replace(
                        "/var/log/nginx/access.log",
                        folder.resolve("access.log").toString());
        for (int i = 0; i < replicaPorts.size(); i++) {
            conf = conf.replace(
                    "server tollgate-" + (i + 1) + ":8080;", "server 127.0.0.1:" + replicaPorts.get(i) + ";");
        }
        Path file = folder.resolve("nginx.conf");
        Files.writeString(file, conf);
        Files.createDirectories(folder.resolve("logs"));
        Process process = new ProcessBuilder(
                        binary(),
                        "-p",
                        folder.toString(),
                        "-c",
                        file.toString(),
                        "-g",
                        "daemon off; pid " + folder.resolve("nginx.pid") + "; error_log " + folder.resolve("error.log")
                                + " warn;")
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("nginx.out").toFile())
                .start();
        LoadBalancer balancer = new LoadBalancer(process, folder, port);
        balancer.awaitListening(Duration.ofSeconds(10));
        return balancer;
    }

    public int port() {
        return port;
    }

    /** How many requests each replica (by port) served, from the access log's {@code upstream=} field. */
    public Map<Integer, Long> requestsPerReplica() throws IOException {
        Path log = folder.resolve("access.log");
        if (!Files.exists(log)) {
            return Map.of();
        }
        return Files.readAllLines(log).stream()
                .map(UPSTREAM::matcher)
                .filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1).substring(m.group(1).lastIndexOf(':') + 1)))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private void awaitListening(Duration patience) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(folder.resolve("nginx.out"))
                        + readIfThere(folder.resolve("error.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port + " within " + patience);
    }

    private static String readIfThere(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** Debian installs nginx under /usr/sbin, which is not on every user's PATH. */
    private static String binary() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("nginx is not installed: apt-get install nginx (.ci/run does)");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
