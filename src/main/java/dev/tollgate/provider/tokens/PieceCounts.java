package dev.tollgate.provider.tokens;

import com.knuddels.jtokkit.api.Encoding;

/**
 * Counts text piece by piece, as o200k's pre-tokeniser cuts it, remembering what short pieces count. The encoder merges
 * each piece on its own, so a text's tokens are the sum of its pieces' tokens; and natural text repeats the same few
 * thousand words, so nearly every piece is one counted before. A piece alone is its own one piece to the encoder, so
 * counting it alone gives what it counts within the text.
 *
 * <p>The memory is a fixed table of {@value #REMEMBERED_PIECES} slots in pairs, a piece going to the pair its hash
 * picks and pushing out the older of the two there, so it stays small whatever callers send: pieces of at most
 * {@value #LONGEST_REMEMBERED_PIECE} characters, at most about 4 MB (2.9 MB measured full of the longest ASCII ones);
 * longer pieces, rare in natural text, are counted every time. A general-purpose cache cost more per look-up than the
 * encoder's whole work is meant to cost here, and looking a piece up in place needs no string made of it.
 *
 * <p>Threads share the table without locks: a slot holds an immutable {@link Counted} or nothing, so a racing reader
 * sees a whole entry, perhaps not the newest, and at worst counts a piece again.
 */
final class PieceCounts {

    static final int REMEMBERED_PIECES = 1 << 15;
    static final int LONGEST_REMEMBERED_PIECE = 24;

    /** A piece and its tokens. */
    private record Counted(String piece, int tokens) {}

    private final Encoding encoding;
    private final Counted[] slots = new Counted[REMEMBERED_PIECES];

    PieceCounts(Encoding encoding) {
        this.encoding = encoding;
    }

    /** Tokens of the text from {@code start} to {@code end}, as the encoder counts that substring. */
    long count(String text, int start, int end) {
        long tokens = 0;
        for (int piece = start; piece < end; ) {
            int pieceEnd = O200kPieces.pieceEnd(text, piece, end);
            tokens += countPiece(text, piece, pieceEnd);
            piece = pieceEnd;
        }
        return tokens;
    }

    private int countPiece(String text, int start, int end) {
        int length = end - start;
        if (length == 1 && text.charAt(start) < 0x80) {
            // every byte is a token of its own
            return 1;
        }
        if (length > LONGEST_REMEMBERED_PIECE) {
            return encoding.countTokensOrdinary(text.substring(start, end));
        }
        int first = slotOf(text, start, end);
        Counted newer = slots[first];
        if (newer != null && isPiece(newer, text, start, length)) {
            return newer.tokens();
        }
        Counted older = slots[first + 1];
        if (older != null && isPiece(older, text, start, length)) {
            // used again: now the newer of the pair
            slots[first] = older;
            slots[first + 1] = newer;
            return older.tokens();
        }
        String piece = text.substring(start, end);
        Counted counted = new Counted(piece, encoding.countTokensOrdinary(piece));
        slots[first + 1] = newer;
        slots[first] = counted;
        return counted.tokens();
    }

    private static boolean isPiece(Counted counted, String text, int start, int length) {
        return counted.piece().length() == length && text.regionMatches(start, counted.piece(), 0, length);
    }

    /** The first slot of the pair the piece belongs in. */
    private static int slotOf(String text, int start, int end) {
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + text.charAt(i);
        }
        hash ^= hash >>> 15;
        hash *= 0x2C1B3C6D;
        hash ^= hash >>> 12;
        return hash & (REMEMBERED_PIECES - 2);
    }
}
