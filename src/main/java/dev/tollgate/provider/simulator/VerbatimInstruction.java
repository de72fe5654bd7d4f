package dev.tollgate.provider.simulator;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt that dictates the reply word for word ("Say exactly: X", "Reply with only X", "Respond with just "X""), which
 * the simulator obeys so that tests and demos can expect a known answer.
 */
final class VerbatimInstruction {

    private static final Pattern INSTRUCTION = Pattern.compile(
            "\\b(?:say|reply|respond|answer|output|print|write|return)\\s+"
                    + "(?:(?:with\\s+)?(?:exactly|only|just|verbatim)|(?:only|just)\\s+with)"
                    + "(?:\\s+the\\s+(?:word|words|text|phrase))?\\s*(:?)\\s*(.+)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final Pattern WORD = Pattern.compile("\\S+");

    private static final Pattern QUOTED = Pattern.compile("([\"'`\u201c])(.*)([\"'`\u201d])\\.?", Pattern.DOTALL);

    /** Text that ends where a sentence may start, allowing a polite "please". */
    private static final Pattern SENTENCE_START =
            Pattern.compile("(?:^|[.!?:\\n])\\s*(?:please[\\s,]*)?$", Pattern.CASE_INSENSITIVE);

    /**
     * Without a colon or quotes only a short remainder at the start of a sentence counts, so neither "say exactly what
     * you think of X" nor "can you answer only in French?" dictates a reply.
     */
    private static final int MOST_BARE_WORDS = 6;

    private VerbatimInstruction() {}

    /** The dictated reply, if the text dictates one. */
    static Optional<String> in(String text) {
        Matcher instruction = INSTRUCTION.matcher(text);
        if (!instruction.find()) {
            return Optional.empty();
        }
        boolean colon = !instruction.group(1).isEmpty();
        String rest = instruction.group(2).strip();
        Matcher quoted = QUOTED.matcher(rest);
        if (quoted.matches() && closes(quoted.group(1), quoted.group(3))) {
            return Optional.of(quoted.group(2));
        }
        if (colon) {
            return Optional.of(rest);
        }
        if (moreWordsThan(rest, MOST_BARE_WORDS) || !startsSentence(text, instruction.start())) {
            return Optional.empty();
        }
        return Optional.of(rest.endsWith(".") ? rest.substring(0, rest.length() - 1) : rest);
    }

    /** Counts words only as far as it needs to, since the rest of the text may be long. */
    private static boolean moreWordsThan(String text, int words) {
        Matcher word = WORD.matcher(text);
        int found = 0;
        while (found <= words && word.find()) {
            found++;
        }
        return found > words;
    }

    private static boolean startsSentence(String text, int index) {
        return SENTENCE_START.matcher(text.substring(0, index)).find();
    }

    private static boolean closes(String opening, String closing) {
        return opening.equals("\u201c") ? closing.equals("\u201d") : opening.equals(closing);
    }
}
