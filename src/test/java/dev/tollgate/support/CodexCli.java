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

/**
 * The real Codex CLI, run non-interactively ({@code codex exec}) against the app the way a team member would set it
 * up: a {@code config.toml} naming the gateway as a custom model provider that speaks the Responses API, and a team
 * key in the environment variable that provider names. Its home is fresh, with update checks, analytics and feedback
 * off, and commands run without sandbox or approvals (the test's temporary folder is the sandbox). The version is
 * pinned by the npm project {@code src/test/js/codex}, which {@code .ci/run} installs; {@code
 * -Dtollgate.codex=<path to codex>} points elsewhere.
 */
public final class CodexCli {

    /** The environment variable the provider's {@code env_key} names. */
    public static final String KEY_VARIABLE = "TOLLGATE_API_KEY";

    private static final Duration LONGEST_RUN = Duration.ofSeconds(90);

    private final Path executable;

    private CodexCli(Path executable) {
        this.executable = executable;
    }

    /**
     * The installed CLI; where it cannot be installed the calling test is skipped saying why (see {@link
     * NodeProject#installed}), so a machine without npm's registry still runs everything else.
     */
    public static CodexCli installed() {
        String configured = System.getProperty("tollgate.codex");
        Path executable = configured != null
                ? Path.of(configured)
                : NodeProject.installed("codex").directory().resolve("node_modules/.bin/codex");
        assumeTrue(Files.isExecutable(executable), "Codex CLI is not installed at " + executable);
        return new CodexCli(executable);
    }

    /** What one {@code codex exec} run printed, and the agent's last message as {@code -o} writes it. */
    public record Run(int exitCode, String lastMessage, String stdout, String stderr) {}

    /** The provider table a user writes into {@code ~/.codex/config.toml} for the gateway at {@code baseUrl}. */
    public static String configuration(String baseUrl, String model) {
        return """
                model_provider = "tollgate"
                model = "%s"
                check_for_update_on_startup = false

                [model_providers.tollgate]
                name = "Tollgate"
                base_url = "%s/v1"
                env_key = "%s"
                wire_api = "responses"

                [analytics]
                enabled = false

                [feedback]
                enabled = false
                """.formatted(model, baseUrl, KEY_VARIABLE);
    }

    /**
     * Runs {@code codex exec prompt} with {@code model} against {@code baseUrl} and {@code key}, in {@code project}
     * with a fresh home under {@code workspace}, and waits for it to end (at most ninety seconds). {@code
     * --strict-config} makes a configuration key this version does not know an error rather than silently ignored.
     */
    public Run exec(Path workspace, Path project, String baseUrl, String model, String key, String prompt) {
        try {
            Path home = Files.createDirectories(workspace.resolve("codex-home"));
            Files.writeString(home.resolve("config.toml"), configuration(baseUrl, model), StandardCharsets.UTF_8);
            Path lastMessage = workspace.resolve("last-message.txt");
            List<String> command = new ArrayList<>(List.of(
                    executable.toAbsolutePath().toString(),
                    "exec",
                    "--strict-config",
                    "--skip-git-repo-check",
                    "--ephemeral",
                    "--dangerously-bypass-approvals-and-sandbox",
                    "--color",
                    "never",
                    "-o",
                    lastMessage.toString(),
                    prompt));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(project.toFile())
                    .redirectOutput(workspace.resolve("stdout").toFile())
                    .redirectError(workspace.resolve("stderr").toFile());
            Map<String, String> env = builder.environment();
            String path = env.getOrDefault("PATH", "/usr/bin:/bin");
            env.clear();
            env.putAll(Map.of("PATH", path, "HOME", home.toString(), "CODEX_HOME", home.toString(), KEY_VARIABLE, key));
            Process process = builder.start();
            // with stdin open it would wait for more of the prompt there
            process.getOutputStream().close();
            if (!process.waitFor(LONGEST_RUN.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("codex exec ran longer than " + LONGEST_RUN + "; it printed: "
                        + Files.readString(workspace.resolve("stderr"), StandardCharsets.UTF_8));
            }
            return new Run(
                    process.exitValue(),
                    Files.exists(lastMessage) ? Files.readString(lastMessage, StandardCharsets.UTF_8) : "",
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
