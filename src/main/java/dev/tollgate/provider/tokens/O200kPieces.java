package dev.tollgate.provider.tokens;

/**
 * o200k's pre-tokeniser written out by hand: cuts text into the pieces that jtokkit's regular expression for o200k_base
 * finds, which it then merges byte pair by byte pair. The expression, compiled with {@code UNICODE_CHARACTER_CLASS},
 * is seven alternatives tried in order at each position, the first that matches winning:
 *
 * <ol>
 *   <li>{@code [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?}
 *   <li>{@code [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?}
 *   <li>{@code \p{N}{1,3}}
 *   <li>{@code  ?[^\s\p{L}\p{N}]+[\r\n/]*}
 *   <li>{@code \s*[\r\n]+}
 *   <li>{@code \s+(?!\S)}
 *   <li>{@code \s+}
 * </ol>
 *
 * Every character starts a match of one of them, so the pieces tile the text. The regular expression spends most of
 * the encoder's time; this reads each character about once. Text is read from {@code start} to {@code end} as if it
 * ended there, so a span gives the pieces of its substring.
 */
final class O200kPieces {

    /** {@code [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]}: the letters a word may start with, called upper here. */
    private static final int UPPER = 1;
    /** {@code [\p{Ll}\p{Lm}\p{Lo}\p{M}]}: the letters a word goes on with, called lower here. */
    private static final int LOWER = 1 << 1;
    /** {@code \p{L}} */
    private static final int LETTER = 1 << 2;
    /** {@code \p{N}} */
    private static final int NUMBER = 1 << 3;
    /** {@code \s}, Unicode's White_Space as Java's regular expressions define it. */
    private static final int SPACE = 1 << 4;
    /** {@code [\r\n]} */
    private static final int NEWLINE = 1 << 5;

    private static final byte[] ASCII = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII[c] = (byte) classify(c);
        }
    }

    private O200kPieces() {}

    /** Where the piece that starts at {@code start} ends, reading the text as if it ended at {@code end}. */
    static int pieceEnd(CharSequence text, int start, int end) {
        int word = asciiWordEnd(text, start, end);
        if (word >= 0) {
            return word;
        }
        int first = codePointAt(text, start, end);
        int kinds = kinds(first);
        int afterFirst = start + Character.charCount(first);
        // [^\r\n\p{L}\p{N}]? may take the first character, and gives it back if the rest cannot match without it
        boolean mayLead = (kinds & (LETTER | NUMBER | NEWLINE)) == 0;
        word = mayLead ? upperThenLower(text, afterFirst, end) : -1;
        if (word < 0) {
            word = upperThenLower(text, start, end);
        }
        if (word < 0 && mayLead) {
            word = upperOnly(text, afterFirst, end);
        }
        if (word < 0) {
            word = upperOnly(text, start, end);
        }
        if (word >= 0) {
            return word;
        }
        if ((kinds & NUMBER) != 0) {
            return digits(text, afterFirst, end);
        }
        if ((kinds & SPACE) == 0) {
            return punctuation(text, afterFirst, end);
        }
        if (first == ' ' && afterFirst < end && isPunctuation(kinds(codePointAt(text, afterFirst, end)))) {
            return punctuation(text, afterFirst, end);
        }
        return whitespace(text, start, end);
    }

    /**
     * Where a piece of plain ASCII like {@code " word"} or {@code "Word"} ends, the commonest kind in prompts: an
     * optional leading character, at most one capital, small letters, and after them an ASCII character other than an
     * apostrophe. -1 for anything else, which the general rules read.
     */
    private static int asciiWordEnd(CharSequence text, int start, int end) {
        int i = start;
        char c = text.charAt(i);
        if (c < 128 && (ASCII[c] & (LETTER | NUMBER | NEWLINE)) == 0 && i + 1 < end) {
            c = text.charAt(++i);
        }
        if (isAsciiUpper(c) && i + 1 < end) {
            c = text.charAt(++i);
        }
        if (!isAsciiLower(c)) {
            return -1;
        }
        while (++i < end) {
            c = text.charAt(i);
            if (!isAsciiLower(c)) {
                // a capital starts the next piece; other letters, marks and contractions may continue this one
                return c < 128 && c != '\'' ? i : -1;
            }
        }
        return i;
    }

    private static boolean isAsciiLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isAsciiUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** The first alternative from {@code from}: upper letters, lower letters, a contraction; -1 if no lower letter. */
    private static int upperThenLower(CharSequence text, int from, int end) {
        int uppers = run(text, from, end, UPPER);
        // [upper]* is greedy and gives back one letter at a time until [lower]+ can match
        int lower = uppers;
        if (uppers == end || (kinds(codePointAt(text, uppers, end)) & LOWER) == 0) {
            lower = -1;
            for (int i = uppers; i > from; ) {
                int c = codePointBefore(text, i, from);
                i -= Character.charCount(c);
                if ((kinds(c) & LOWER) != 0) {
                    lower = i;
                    break;
                }
            }
            if (lower < 0) {
                return -1;
            }
        }
        return contraction(text, run(text, lower, end, LOWER), end);
    }

    /** The second alternative from {@code from}: upper letters, perhaps lower ones, a contraction; -1 if no upper. */
    private static int upperOnly(CharSequence text, int from, int end) {
        int uppers = run(text, from, end, UPPER);
        if (uppers == from) {
            return -1;
        }
        return contraction(text, run(text, uppers, end, LOWER), end);
    }

    /** {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)?} from {@code from}. */
    private static int contraction(CharSequence text, int from, int end) {
        if (from + 1 >= end || text.charAt(from) != '\'') {
            return from;
        }
        char first = folded(text.charAt(from + 1));
        if (first == 's' || first == 't' || first == 'm' || first == 'd') {
            return from + 2;
        }
        if (from + 2 < end) {
            char second = folded(text.charAt(from + 2));
            if ((first == 'r' || first == 'v') && second == 'e' || first == 'l' && second == 'l') {
                return from + 3;
            }
        }
        return from;
    }

    /** A letter as case-insensitive Unicode matching compares it: {@code ſ} matches {@code s}. */
    private static char folded(char c) {
        return (char) Character.toLowerCase(Character.toUpperCase(c));
    }

    /** {@code \p{N}{1,3}} after its first digit. */
    private static int digits(CharSequence text, int from, int end) {
        int i = from;
        for (int more = 0; more < 2 && i < end; more++) {
            int c = codePointAt(text, i, end);
            if ((kinds(c) & NUMBER) == 0) {
                break;
            }
            i += Character.charCount(c);
        }
        return i;
    }

    /** {@code [^\s\p{L}\p{N}]+[\r\n/]*} from {@code from}, where the first of them is or has been read. */
    private static int punctuation(CharSequence text, int from, int end) {
        int i = from;
        while (i < end) {
            int c = codePointAt(text, i, end);
            if (!isPunctuation(kinds(c))) {
                break;
            }
            i += Character.charCount(c);
        }
        while (i < end && (text.charAt(i) == '\r' || text.charAt(i) == '\n' || text.charAt(i) == '/')) {
            i++;
        }
        return i;
    }

    private static boolean isPunctuation(int kinds) {
        return (kinds & (SPACE | LETTER | NUMBER)) == 0;
    }

    /**
     * {@code \s*[\r\n]+}, else {@code \s+(?!\S)}, else {@code \s+}: whitespace up to its last line break; else all of
     * it at the end of the text; else all but its last character, which goes with what follows; else one character.
     */
    private static int whitespace(CharSequence text, int start, int end) {
        int afterNewline = -1;
        int i = start;
        int last = start;
        while (i < end) {
            int c = codePointAt(text, i, end);
            int kinds = kinds(c);
            if ((kinds & SPACE) == 0) {
                break;
            }
            last = i;
            i += Character.charCount(c);
            if ((kinds & NEWLINE) != 0) {
                afterNewline = i;
            }
        }
        if (afterNewline >= 0) {
            return afterNewline;
        }
        if (i == end || last == start) {
            return i;
        }
        return last;
    }

    /** Where the run of characters with any of {@code kinds} that starts at {@code from} ends. */
    private static int run(CharSequence text, int from, int end, int kinds) {
        int i = from;
        while (i < end) {
            char c = text.charAt(i);
            if (c < 128) {
                if ((ASCII[c] & kinds) == 0) {
                    return i;
                }
                i++;
            } else {
                int codePoint = codePointAt(text, i, end);
                if ((classify(codePoint) & kinds) == 0) {
                    return i;
                }
                i += Character.charCount(codePoint);
            }
        }
        return i;
    }

    private static int kinds(int codePoint) {
        return codePoint < 128 ? ASCII[codePoint] : classify(codePoint);
    }

    private static int classify(int codePoint) {
        int kinds = switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER, Character.TITLECASE_LETTER -> UPPER | LETTER;
            case Character.LOWERCASE_LETTER -> LOWER | LETTER;
            case Character.MODIFIER_LETTER, Character.OTHER_LETTER -> UPPER | LOWER | LETTER;
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK ->
                UPPER | LOWER;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> NUMBER;
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> SPACE;
            default -> 0;
        };
        if (codePoint >= 0x09 && codePoint <= 0x0D || codePoint == 0x85) {
            kinds |= SPACE;
        }
        if (codePoint == '\r' || codePoint == '\n') {
            kinds |= NEWLINE;
        }
        return kinds;
    }

    /** The code point at {@code index}, a surrogate pair that {@code end} cuts in two being two characters. */
    private static int codePointAt(CharSequence text, int index, int end) {
        char c = text.charAt(index);
        if (Character.isHighSurrogate(c) && index + 1 < end) {
            char next = text.charAt(index + 1);
            if (Character.isLowSurrogate(next)) {
                return Character.toCodePoint(c, next);
            }
        }
        return c;
    }

    /** The code point before {@code index}, not reaching back before {@code from}. */
    private static int codePointBefore(CharSequence text, int index, int from) {
        char c = text.charAt(index - 1);
        if (Character.isLowSurrogate(c) && index - 2 >= from) {
            char previous = text.charAt(index - 2);
            if (Character.isHighSurrogate(previous)) {
                return Character.toCodePoint(previous, c);
            }
        }
        return c;
    }
}
