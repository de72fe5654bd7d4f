package dev.tollgate.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Claude Code CLI, run in print mode ({@code claude -p}) against the app the way a team member would set it
 * up: only {@code ANTHROPIC_BASE_URL} and a key, plus what keeps it offline and away from the machine's own settings
 * (a fresh home, no telemetry, no update checks). The version is pinned by the npm project {@code
 * src/test/js/claude-code}, which {@code .ci/run} installs; {@code -Dtollgate.claude-code=<path to claude>} points
 * elsewhere.
 */
public final class ClaudeCodeCli {

    private static final Duration LONGEST_RUN = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path executable;
    private final String keyVariable;

    private ClaudeCodeCli(Path executable, String keyVariable) {
        this.executable = executable;
        this.keyVariable = keyVariable;
    }

    /**
     * The installed CLI; where it cannot be installed the calling test is skipped saying why (see {@link
     * NodeProject#installed}), so a machine without npm's registry still runs everything else.
     */
    public static ClaudeCodeCli installed() {
        String configured = System.getProperty("tollgate.claude-code");
        Path executable = configured != null
                ? Path.of(configured)
                : NodeProject.installed("claude-code").directory().resolve("node_modules/.bin/claude");
        assumeTrue(Files.isExecutable(executable), "Claude Code is not installed at " + executable);
        return new ClaudeCodeCli(executable, "ANTHROPIC_API_KEY");
    }

    /** The same CLI given the key as {@code ANTHROPIC_AUTH_TOKEN}, which it sends as a bearer token. */
    public ClaudeCodeCli withAuthToken() {
        return new ClaudeCodeCli(executable, "ANTHROPIC_AUTH_TOKEN");
    }

    /**
     * What one {@code claude -p} run printed: its exit code, and its result as {@code --output-format json} writes it
     * ({@code result}, {@code session_id}, {@code modelUsage}, …).
     */
    public record Run(int exitCode, String stdout, String stderr) {

        public JsonNode json() {
            return JSON.readTree(stdout);
        }

        public String result() {
            return json().path("result").asString();
        }

        public String sessionId() {
            return json().path("session_id").asString();
        }

        /** The model ids the CLI asked for, as it reports them (without its context-window suffix). */
        public List<String> requestedModels() {
            List<String> models = new ArrayList<>();
            json().path("modelUsage").propertyNames().forEach(name -> models.add(name.replaceAll("\\[.*]$", "")));
            return models;
        }
    }

    /**
     * Runs {@code claude -p prompt} in a fresh home and working folder under {@code workspace}, against
     * {@code baseUrl} with {@code key}, and waits for it to end (at most a minute).
     */
    public Run print(Path workspace, String baseUrl, String key, String prompt, String... options) {
        try {
            Path home = Files.createDirectories(workspace.resolve("home"));
            Path project = Files.createDirectories(workspace.resolve("project"));
            List<String> command =
                    new ArrayList<>(List.of(executable.toAbsolutePath().toString(), "-p", prompt));
            command.addAll(List.of("--output-format", "json"));
            command.addAll(List.of(options));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(project.toFile())
                    .redirectOutput(workspace.resolve("stdout").toFile())
                    .redirectError(workspace.resolve("stderr").toFile());
            Map<String, String> env = builder.environment();
            String path = env.getOrDefault("PATH", "/usr/bin:/bin");
            env.clear();
            env.putAll(Map.of(
                    "PATH",
                    path,
                    "HOME",
                    home.toString(),
                    "ANTHROPIC_BASE_URL",
                    baseUrl,
                    keyVariable,
                    key,
                    "DISABLE_TELEMETRY",
                    "1",
                    "DISABLE_AUTOUPDATER",
                    "1",
                    "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC",
                    "1"));
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(LONGEST_RUN.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("claude -p ran longer than " + LONGEST_RUN + "; it printed: "
                        + Files.readString(workspace.resolve("stderr"), StandardCharsets.UTF_8));
            }
            return new Run(
                    process.exitValue(),
                    Files.readString(workspace.resolve("stdout"), StandardCharsets.UTF_8),
                    Files.readString(workspace.resolve("stderr"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
