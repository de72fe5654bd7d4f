package dev.tollgate.provider.simulator;

/**
 * The start of a text as one line: without leading or trailing whitespace, each run of spaces, tabs and line breaks
 * read as one space. Only as much of the text is read as the start needs, however long the text.
 */
final class FlatText {

    private FlatText() {}

    /** At most the first {@code length} characters of the flattened text. */
    static String start(String text, int length) {
        int begin = 0;
        while (begin < text.length() && Character.isWhitespace(text.charAt(begin))) {
            begin++;
        }
        int end = text.length();
        while (end > begin && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        StringBuilder flat = new StringBuilder(Math.min(length, end - begin));
        for (int i = begin; i < end && flat.length() < length; i++) {
            char c = text.charAt(i);
            if (!isSpace(c)) {
                flat.append(c);
            } else if (!isSpace(text.charAt(i - 1))) {
                flat.append(' ');
            }
        }
        return flat.toString();
    }

    /** What {@code \s} matches in a Java pattern without Unicode character classes. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
