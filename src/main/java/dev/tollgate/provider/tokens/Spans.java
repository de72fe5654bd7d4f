package dev.tollgate.provider.tokens;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * Cuts text into spans that can be tokenised one at a time with the same result as the whole: every cut falls where
 * o200k's pre-tokeniser (the regular expression that splits text into words before byte-pair merging) cuts too, so
 * each of its pieces lies within one span. A stretch without such a cut that is longer than
 * {@value #LONGEST_TOKENISED_RUN} UTF-8 bytes becomes a span of its own, marked as too long to tokenise: the encoder's
 * cost grows faster than the length of a piece, and one 30 MB "word" exhausts any heap.
 *
 * <p>A cut between characters X and Y is safe when no piece can continue from X into Y, and X is no whitespace (the
 * pattern's only look-ahead, {@code \s+(?!\S)}, looks past whitespace). Pieces are: letters and marks with one optional
 * leading non-letter and an optional English contraction ({@code 's}, {@code 'll}, …); one to three digits; runs of
 * other characters (marks among them) with trailing line breaks or slashes; runs of whitespace. So a piece ends after a
 * letter before a digit, a space or punctuation other than an apostrophe; after a digit before anything but a digit;
 * after punctuation or a mark before a digit or a space. The pattern has no look-behind, so tokenising resumes after a
 * cut exactly as it would have without it.
 *
 * <p>Ordinary text has a safe cut every few characters, so the text is not read character by character: from each cut
 * found, the last cut within the next {@value #STRIDE} characters is looked for backwards, and only where there is
 * none is the stretch measured exactly.
 */
final class Spans implements Iterator<Spans.Span> {

    /** Longer stretches between safe cuts, in UTF-8 bytes, are not tokenised; shorter ones are cheap to. */
    static final int LONGEST_TOKENISED_RUN = 400;

    /**
     * Characters that may be tokenised, or not.
     *
     * @param tokenised false for a stretch longer than {@link #LONGEST_TOKENISED_RUN} bytes without a safe cut
     */
    record Span(int start, int end, boolean tokenised) {}

    /** No character takes more than three UTF-8 bytes (a surrogate pair takes four for two), so this many fit. */
    private static final int STRIDE = LONGEST_TOKENISED_RUN / 3;

    private static final int LETTER = 0;
    private static final int MARK = 1;
    private static final int DIGIT = 2;
    private static final int SPACE = 3;
    private static final int OTHER = 4;
    /** The space character, whitespace that may follow a cut. */
    private static final int BLANK = 5;
    /** Punctuation that may start a contraction, so never follows a cut after a letter. */
    private static final int APOSTROPHE = 6;

    private static final int KINDS = 7;
    private static final byte[] ASCII_KINDS = new byte[128];

    /** Whether a cut is safe between a character of the first kind and one of the second, row by row. */
    private static final boolean[] SAFE_CUTS = new boolean[KINDS * KINDS];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_KINDS[c] = (byte) kindOf(c);
        }
        for (int after = 0; after < KINDS; after++) {
            SAFE_CUTS[LETTER * KINDS + after] = after == DIGIT || after == BLANK || after == OTHER;
            SAFE_CUTS[DIGIT * KINDS + after] = after != DIGIT;
            for (int punctuation : new int[] {OTHER, APOSTROPHE, MARK}) {
                SAFE_CUTS[punctuation * KINDS + after] = after == DIGIT || after == BLANK;
            }
        }
    }

    private final String text;
    private final int targetLength;
    private int position;
    private @Nullable Span pending;

    /**
     * @param targetLength tokenised spans end at a safe cut soon after this many characters, so a caller can stop
     *     early; shorter text stays one span
     */
    Spans(String text, int targetLength) {
        this.text = text;
        this.targetLength = targetLength;
    }

    @Override
    public boolean hasNext() {
        return pending != null || position < text.length();
    }

    @Override
    public Span next() {
        if (pending != null) {
            Span run = pending;
            pending = null;
            return run;
        }
        if (position >= text.length()) {
            throw new NoSuchElementException("No text left");
        }
        int start = position;
        int cut = start;
        while (text.length() - cut > STRIDE) {
            int next = lastCutBefore(cut, cut + STRIDE);
            if (next < 0) {
                // no cut for a while: measure the stretch exactly
                int end = nextCut(cut);
                if (utf8Length(text, cut, end) > LONGEST_TOKENISED_RUN) {
                    position = end;
                    Span run = new Span(cut, end, false);
                    if (cut == start) {
                        return run;
                    }
                    pending = run;
                    return new Span(start, cut, true);
                }
                next = end;
            }
            cut = next;
            if (cut - start >= targetLength) {
                position = cut;
                return new Span(start, cut, true);
            }
        }
        // what is left is too short to be too long
        position = text.length();
        return new Span(start, position, true);
    }

    /** The last safe cut after {@code after} and at most at {@code until}, or -1. */
    private int lastCutBefore(int after, int until) {
        for (int i = until; i > after; i--) {
            if (safeCutAt(i)) {
                return i;
            }
        }
        return -1;
    }

    /** The first safe cut after {@code after}, or the end of the text. */
    private int nextCut(int after) {
        int i = after + Character.charCount(text.codePointAt(after));
        while (i < text.length() && !safeCutAt(i)) {
            i += Character.charCount(text.codePointAt(i));
        }
        return i;
    }

    private boolean safeCutAt(int index) {
        return isSafeCut(text, index);
    }

    /** Whether the text may be cut before {@code index}, which lies strictly inside it. */
    static boolean isSafeCut(String text, int index) {
        char before = text.charAt(index - 1);
        char after = text.charAt(index);
        int kindBefore = before < 128 ? ASCII_KINDS[before] : kindOf(text.codePointBefore(index));
        int kindAfter = after < 128 ? ASCII_KINDS[after] : kindOf(text.codePointAt(index));
        return SAFE_CUTS[kindBefore * KINDS + kindAfter];
    }

    /** Whitespace in the widest sense any regular-expression flavour gives {@code \s}, so no cut relies on it. */
    private static int kindOf(int codePoint) {
        if (codePoint == ' ') {
            return BLANK;
        }
        if (codePoint == '\'') {
            return APOSTROPHE;
        }
        return switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER,
                    Character.LOWERCASE_LETTER,
                    Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER -> LETTER;
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK -> MARK;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> DIGIT;
            default ->
                Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || codePoint == 0x85
                        ? SPACE
                        : OTHER;
        };
    }

    /** UTF-8 bytes of the text from {@code start} to {@code end}, an unpaired surrogate as one, as Java encodes it. */
    static long utf8Length(String text, int start, int end) {
        long bytes = 0;
        for (int i = start; i < end; ) {
            int codePoint = text.codePointAt(i);
            bytes += utf8Length(codePoint);
            i += Character.charCount(codePoint);
        }
        return bytes;
    }

    static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
            return 1;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
