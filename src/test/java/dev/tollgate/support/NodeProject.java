package dev.tollgate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Node.js project of the test tree ({@code src/test/js/<name>}, its versions pinned by its lock file) whose packages
 * are installed: by {@code .ci/run}, or with {@code npm ci} on first use. Tests drive real npm clients through it. A
 * machine that cannot install them (no Node.js, no registry) skips those tests with the reason; it never passes them.
 */
public record NodeProject(Path directory) {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

    /** What a script printed and how it ended. */
    public record Run(int exitCode, String stdout, String stderr) {

        public List<String> lines() {
            return stdout.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    /** The project {@code src/test/js/<name>} with its packages installed, or the test is skipped saying why. */
    public static NodeProject installed(String name) {
        NodeProject project = new NodeProject(Path.of("src", "test", "js", name).toAbsolutePath());
        // npm writes this file last, so a half-finished install is installed again
        if (!Files.isRegularFile(project.directory.resolve("node_modules/.package-lock.json"))) {
            Run install = project.command(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), INSTALL_TIMEOUT);
            Assumptions.assumeTrue(
                    install.exitCode() == 0,
                    () -> "The npm packages of " + project.directory + " cannot be installed here ("
                            + install.stderr().strip() + "); .ci/run installs them");
        }
        return project;
    }

    /** Runs {@code node script} in the project's directory with {@code environment} added to this process's. */
    public Run node(String script, Map<String, String> environment, Duration timeout) {
        return command(List.of("node", script), environment, timeout);
    }

    private Run command(List<String> command, Map<String, String> environment, Duration timeout) {
        try {
            Path out = Files.createTempFile("node-out-", ".txt");
            Path err = Files.createTempFile("node-err-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                    .directory(directory.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process;
            try {
                process = builder.start();
            } catch (IOException notInstalled) {
                return new Run(-1, "", command.getFirst() + " is not installed: " + notInstalled.getMessage());
            }
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor();
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            Files.delete(out);
            Files.delete(err);
            return new Run(ended ? process.exitValue() : -1, stdout, ended ? stderr : stderr + "\n(timed out)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
