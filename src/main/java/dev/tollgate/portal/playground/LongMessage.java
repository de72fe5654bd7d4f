package dev.tollgate.portal.playground;

import java.util.Locale;

/**
 * A long message shown folded: its beginning as markdown, then the rest as plain text inside a {@code <details>}
 * element the reader opens with "Show more" and closes with "Show less". The browser does the folding, so it needs no
 * script and no round trip, and the message list's markdown keeps {@code details} and {@code summary}.
 */
final class LongMessage {

    /** Longer than this, or more lines than {@link #MOST_LINES}, and a message is folded. */
    static final int MOST_CHARACTERS = 1_200;

    static final int MOST_LINES = 16;

    private static final int PREVIEW_CHARACTERS = 600;
    private static final int PREVIEW_LINES = 8;

    private LongMessage() {}

    /** The markdown to show for {@code text}: the text itself when short, its beginning and a fold when long. */
    static String markdown(String text) {
        if (text.length() <= MOST_CHARACTERS && text.lines().count() <= MOST_LINES) {
            return text;
        }
        int cut = cut(text);
        // one line of HTML: markdown would end the HTML block at the rest's first blank line and leave the fold empty
        return text.substring(0, cut).stripTrailing()
                + " …\n\n<details class=\"long-message\"><summary><span class=\"show-more\">Show more ("
                + String.format(Locale.ROOT, "%,d", text.length() - cut)
                + " characters)</span><span class=\"show-less\">Show less</span></summary><div class=\"long-message-rest\">"
                + asHtml(text.substring(cut).strip())
                + "</div></details>";
    }

    /** The text as HTML on one line: markup characters escaped, line breaks as {@code <br>}. */
    private static String asHtml(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("\r\n", "\n")
                .replace("\n", "<br>");
    }

    /** Where the preview ends: at its eighth line break, or at a word break before its 600th character. */
    private static int cut(String text) {
        int end = Math.min(PREVIEW_CHARACTERS, text.length());
        int lineBreak = -1;
        for (int line = 0; line < PREVIEW_LINES; line++) {
            lineBreak = text.indexOf('\n', lineBreak + 1);
            if (lineBreak < 0) {
                break;
            }
        }
        if (lineBreak > 0 && lineBreak < end) {
            return lineBreak;
        }
        int space = text.lastIndexOf(' ', end);
        return space > end / 2 ? space : end;
    }
}
