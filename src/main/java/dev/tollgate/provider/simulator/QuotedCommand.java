package dev.tollgate.provider.simulator;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shell command the prompt asks to run, written verbatim in backticks ("Run `cat hello.txt` and tell me what it
 * says", "please execute the command `ls -la`"), which the simulator runs with a tool that takes commands, as a coding
 * agent's model would. A command merely quoted ("what does `ls` print?") is not one: a verb must ask for it.
 */
final class QuotedCommand {

    /** Longer quotes are no command a prompt dictates; the bound also keeps the search linear. */
    private static final int LONGEST = 1_000;

    private static final Pattern ASKED = Pattern.compile(
            "\\b(?:run|execute)\\s+(?:the\\s+(?:shell\\s+)?command\\s+|this\\s+(?:shell\\s+)?command\\s*:?\\s*)?"
                    + "`([^`\\r\\n]{1," + LONGEST + "})`",
            Pattern.CASE_INSENSITIVE);

    private QuotedCommand() {}

    /** The command, as written between the backticks, if the text asks to run one. */
    static Optional<String> in(String text) {
        Matcher asked = ASKED.matcher(text);
        while (asked.find()) {
            String command = asked.group(1).strip();
            if (!command.isEmpty()) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }
}
