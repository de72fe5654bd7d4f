package dev.tollgate.provider.simulator.video;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.List;

/** The prompt broken into the few lines that fit the caption band, the last one cut short with an ellipsis. */
final class Caption {

    private static final String ELLIPSIS = "…";

    private Caption() {}

    static List<String> wrap(String text, Font font, FontRenderContext context, double maxWidth, int maxLines) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (fits(candidate, font, context, maxWidth)) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (!fits(rest, font, context, maxWidth) && rest.length() > 1) {
                int cut = longestFittingPrefix(rest, font, context, maxWidth);
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        if (lines.size() <= maxLines) {
            return lines;
        }
        List<String> shown = new ArrayList<>(lines.subList(0, maxLines));
        String last = shown.get(maxLines - 1);
        while (!last.isEmpty() && !fits(last + ELLIPSIS, font, context, maxWidth)) {
            last = last.substring(0, last.length() - 1);
        }
        shown.set(maxLines - 1, last.stripTrailing() + ELLIPSIS);
        return shown;
    }

    private static int longestFittingPrefix(String word, Font font, FontRenderContext context, double maxWidth) {
        int cut = 1;
        while (cut < word.length() && fits(word.substring(0, cut + 1), font, context, maxWidth)) {
            cut++;
        }
        return cut;
    }

    private static boolean fits(String text, Font font, FontRenderContext context, double maxWidth) {
        return font.getStringBounds(text, context).getWidth() <= maxWidth;
    }
}
