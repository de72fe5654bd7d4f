package dev.tollgate.text;

import java.util.Optional;

/**
 * Checks and cleans text before it is stored. Callers' text that cannot be stored is refused, naming the field; text
 * the gateway stores on its own account (an upstream's error message) is cleaned instead, since nobody could correct it.
 */
public final class StorableText {

    private static final char REPLACEMENT = '\uFFFD';

    private StorableText() {}

    /** Why the text cannot be stored, phrased to follow a field's name ("… contains a NUL character"), if it cannot. */
    public static Optional<String> flaw(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return Optional.of("contains a NUL character (\\u0000), which cannot be stored");
            }
            if (Character.isSurrogate(c) && !isPairedAt(text, i)) {
                return Optional.of("contains an unpaired UTF-16 surrogate (\\u" + Integer.toHexString(c)
                        + "), which is not a character");
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return Optional.empty();
    }

    /** Whether the text can be stored as it is. */
    public static boolean isStorable(String text) {
        return flaw(text).isEmpty();
    }

    /** The text with NUL characters and unpaired surrogates replaced by U+FFFD, cut to at most {@code limit} chars. */
    public static String scrub(String text, int limit) {
        StringBuilder clean = new StringBuilder(Math.min(text.length(), limit));
        for (int i = 0; i < text.length() && clean.length() < limit; i++) {
            char c = text.charAt(i);
            if (c == '\0' || (Character.isSurrogate(c) && !isPairedAt(text, i))) {
                clean.append(REPLACEMENT);
            } else if (Character.isHighSurrogate(c)) {
                if (clean.length() + 2 > limit) {
                    break;
                }
                clean.append(c).append(text.charAt(++i));
            } else {
                clean.append(c);
            }
        }
        return clean.toString();
    }

    /**
     * The text {@link #scrub scrubbed} and, when longer than {@code limit} chars, cut to end in "..." within the limit:
     * for a column of that size.
     */
    public static String fit(String text, int limit) {
        return text.length() <= limit ? scrub(text, limit) : scrub(text, limit - 3) + "...";
    }

    private static boolean isPairedAt(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
}
