package dev.tollgate.provider.simulator;

import tools.jackson.core.io.JsonStringEncoder;

/**
 * JSON text that stops growing at a given length: whatever is written after that is dropped, so the text is always
 * the start of what was written, and writing a value too big to fit costs no more than the room that was left.
 */
final class JsonBuffer {

    private static final JsonStringEncoder ESCAPES = JsonStringEncoder.getInstance();

    private final StringBuilder text = new StringBuilder();
    private final int capacity;
    private boolean full;

    JsonBuffer(int capacity) {
        this.capacity = capacity;
    }

    /** True once something had to be dropped, or the text has reached its length: nothing more will be added. */
    boolean full() {
        return full;
    }

    void append(char c) {
        if (!full) {
            text.append(c);
            full = text.length() >= capacity;
        }
    }

    void append(CharSequence chars) {
        if (full) {
            return;
        }
        int room = capacity - text.length();
        if (chars.length() < room) {
            text.append(chars);
            return;
        }
        int end = room;
        // never half a surrogate pair
        if (end < chars.length() && end > 0 && Character.isHighSurrogate(chars.charAt(end - 1))) {
            end--;
        }
        text.append(chars, 0, end);
        full = true;
    }

    /** Characters of a JSON string, escaped, without the quotes around them. */
    void escaped(CharSequence chars) {
        if (full) {
            return;
        }
        // every character escapes to at least one, so the room left is as much of the input as can show
        int room = capacity - text.length();
        CharSequence shown = chars.length() > room ? chars.subSequence(0, room) : chars;
        StringBuilder escaped = new StringBuilder(shown.length() + 2);
        ESCAPES.quoteAsString(shown, escaped);
        append(escaped);
        if (shown.length() < chars.length()) {
            full = true;
        }
    }

    void quoted(CharSequence chars) {
        append('"');
        escaped(chars);
        append('"');
    }

    void repeat(char c, long count) {
        if (full || count <= 0) {
            return;
        }
        int room = capacity - text.length();
        text.repeat(c, (int) Math.min(count, room));
        full = count >= room;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
