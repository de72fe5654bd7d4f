package dev.tollgate.provider.simulator.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * An edited picture: the caller's image scaled to fill the picture, graded towards the prompt's palette, lit by a
 * soft glow from one side, with the prompt's words as translucent motifs and the prompt as a caption. Under a mask,
 * each pixel takes only as much of the change as the mask's transparency allows.
 *
 * <p>Paints one image at a time: it keeps two strips of its own, for the untouched pixels and the mask.
 */
final class Retouch implements Picture {

    private static final int MOTIF_ALPHA = 170;
    private static final double MOTIF_SIZE = 0.8;
    private static final double MARGIN = 20;
    private static final double CAPTION_ROOM = 170;
    private static final int WHITE = 0xFFFFFF;
    private static final double LIGHT_LEAK = 800;
    private static final int LIGHT_LEAK_ALPHA = 210;

    private final EditSource source;
    private final Design design;
    private final ColourGrade grade;
    private final List<Layer> overlay;
    private final int width;
    private final int height;
    private @Nullable Strip untouched;
    private @Nullable Strip weights;

    private Retouch(EditSource source, int width, int height, ColourGrade grade, List<Layer> overlay) {
        this.source = source;
        this.width = width;
        this.height = height;
        this.design = Design.of(width, height);
        this.grade = grade;
        this.overlay = List.copyOf(overlay);
    }

    static Retouch of(EditSource source, String model, String prompt, int index, int width, int height) {
        Design design = Design.of(width, height);
        Palette palette = Palette.from(Seed.of(model, prompt).random());
        Random layout = Seed.of(model, prompt, Integer.toString(index)).random();
        Color accent = palette.accents().get(layout.nextInt(palette.accents().size()));
        ColourGrade grade = new ColourGrade(palette.zenith(), accent, 0.7 + 0.3 * layout.nextDouble());
        Point2D corner = new Point2D.Double(
                layout.nextBoolean() ? 0 : design.width(), layout.nextBoolean() ? 0 : design.height() * 0.6);
        List<Layer> overlay = new ArrayList<>();
        overlay.add(new Glow(
                corner,
                LIGHT_LEAK * (0.8 + 0.4 * layout.nextDouble()),
                Palette.mix(palette.sun(), accent, 0.3f),
                LIGHT_LEAK_ALPHA));
        Rectangle2D area = new Rectangle2D.Double(
                MARGIN, MARGIN, design.width() - 2 * MARGIN, design.height() - 2 * MARGIN - CAPTION_ROOM);
        overlay.addAll(
                new MotifScatter(palette, layout, MOTIF_SIZE, MOTIF_ALPHA).scatter(Words.of(prompt), area, List.of()));
        Caption.of(prompt, design.width(), design.height()).ifPresent(overlay::add);
        return new Retouch(source, width, height, grade, overlay);
    }

    @Override
    public void paint(Strip strip) {
        int count = strip.rows() * strip.width();
        drawScaled(source.image(), strip, WHITE);
        BufferedImage changeWeights = source.changeWeights();
        if (changeWeights == null) {
            change(strip);
            return;
        }
        Strip before = companion(untouched, strip);
        untouched = before;
        System.arraycopy(strip.pixels(), 0, before.pixels(), 0, count);
        change(strip);
        Strip weightStrip = companion(weights, strip);
        weights = weightStrip;
        drawScaled(changeWeights, weightStrip, 0);
        int[] after = strip.pixels();
        int[] kept = before.pixels();
        int[] weight = weightStrip.pixels();
        for (int i = 0; i < count; i++) {
            int w = weight[i] & 0xFF;
            after[i] = mix(kept[i], after[i], w + (w >>> 7));
        }
    }

    /** Grades the strip and draws the overlay on it. */
    private void change(Strip strip) {
        grade.apply(strip.pixels(), strip.rows() * strip.width());
        Graphics2D graphics = strip.graphics();
        try {
            design.apply(graphics);
            overlay.forEach(layer -> layer.paint(graphics));
        } finally {
            graphics.dispose();
        }
    }

    /** Draws {@code image} stretched over the whole picture, on {@code background} where it is transparent. */
    private void drawScaled(BufferedImage image, Strip strip, int background) {
        Arrays.fill(strip.pixels(), 0, strip.rows() * strip.width(), background);
        Graphics2D graphics = strip.graphics();
        try {
            graphics.drawImage(image, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
    }

    /** {@code existing}, or a new strip like {@code like}, standing for the same rows as {@code like}. */
    private static Strip companion(@Nullable Strip existing, Strip like) {
        Strip strip = existing != null ? existing : new Strip(like.width(), like.capacity());
        strip.moveTo(like.top(), like.rows());
        return strip;
    }

    /** {@code from} moved {@code weight}/256 of the way to {@code to}, channel by channel. */
    private static int mix(int from, int to, int weight) {
        return mixChannel(from >>> 16, to >>> 16, weight) << 16
                | mixChannel(from >>> 8, to >>> 8, weight) << 8
                | mixChannel(from, to, weight);
    }

    private static int mixChannel(int from, int to, int weight) {
        int a = from & 0xFF;
        return a + ((((to & 0xFF) - a) * weight) >> 8);
    }
}
