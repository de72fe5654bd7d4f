package dev.tollgate.provider.simulator.image;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The prompt written across the foot of the picture on a translucent band, at most two lines. The letters are kept
 * as outlines, so every strip fills exactly the same shapes at any size.
 */
record Caption(Shape band, Shape letters) implements Layer {

    private static final Font FONT = new Font(Font.SANS_SERIF, Font.BOLD, 34);
    private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);
    private static final int MAX_LINES = 2;
    /** Far more than two lines hold, and a bound on the layout work a very long prompt can cause. */
    private static final int MAX_CHARS = 240;

    private static final double MARGIN = 40;
    private static final double PADDING = 22;
    private static final double LEADING = 1.3;
    private static final Color BAND = new Color(0, 0, 0, 96);
    private static final Color INK = new Color(255, 255, 255, 240);

    /** The caption for {@code text} in a picture of the given design size; none for blank text. */
    static Optional<Caption> of(String text, double width, double height) {
        List<String> lines = wrap(clean(text), width - 2 * (MARGIN + PADDING));
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        double lineHeight = FONT.getSize2D() * LEADING;
        double widest = 0;
        for (String line : lines) {
            widest = Math.max(widest, advance(line));
        }
        double bandHeight = lines.size() * lineHeight + 2 * PADDING - (LEADING - 1) * FONT.getSize2D();
        double bandTop = height - MARGIN - bandHeight;
        Path2D.Double letters = new Path2D.Double();
        double baseline = bandTop + PADDING + FONT.getSize2D() * 0.8;
        for (String line : lines) {
            TextLayout layout = new TextLayout(line, FONT, CONTEXT);
            double x = (width - layout.getAdvance()) / 2;
            letters.append(layout.getOutline(AffineTransform.getTranslateInstance(x, baseline)), false);
            baseline += lineHeight;
        }
        double bandWidth = widest + 2 * PADDING;
        Shape band = new RoundRectangle2D.Double(
                (width - bandWidth) / 2, bandTop, bandWidth, bandHeight, bandHeight / 2, bandHeight / 2);
        return Optional.of(new Caption(band, letters));
    }

    @Override
    public void paint(Graphics2D graphics) {
        graphics.setColor(BAND);
        graphics.fill(band);
        graphics.setColor(INK);
        graphics.fill(letters);
    }

    /** One line of text with single spaces, cut (at a whole character) to what a caption could show. */
    private static String clean(String text) {
        String line = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (line.codePointCount(0, line.length()) <= MAX_CHARS) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, MAX_CHARS));
    }

    /** Greedy word wrap; what does not fit in the last line is cut and marked with an ellipsis. */
    private static List<String> wrap(String text, double maxWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        String[] words = text.isEmpty() ? new String[0] : text.split(" ");
        for (int i = 0; i < words.length; i++) {
            String candidate = line.isEmpty() ? words[i] : line + " " + words[i];
            if (advance(candidate) <= maxWidth) {
                line.setLength(0);
                line.append(candidate);
            } else if (lines.size() + 1 < MAX_LINES && !line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
                i--;
            } else {
                lines.add(shorten(candidate, maxWidth));
                return lines;
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String shorten(String text, double maxWidth) {
        String shortened = text;
        while (shortened.length() > 1 && advance(shortened + "…") > maxWidth) {
            shortened = shortened
                    .substring(0, shortened.offsetByCodePoints(shortened.length(), -1))
                    .stripTrailing();
        }
        return shortened + "…";
    }

    private static double advance(String text) {
        return new TextLayout(text, FONT, CONTEXT).getAdvance();
    }
}
