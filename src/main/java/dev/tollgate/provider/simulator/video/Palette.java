package dev.tollgate.provider.simulator.video;

import java.awt.Color;
import java.util.List;
import java.util.Optional;

/**
 * The clip's colours: a dark sky from top to bottom, so light shapes and the white caption always stand out, and an
 * accent for the glow and the progress bar. The prompt's first colour word sets them; without one, its digest does.
 */
record Palette(Color skyTop, Color skyBottom, Color accent) {

    static Palette of(List<String> words, double digestHue) {
        Color primary = words.stream()
                .map(ColourWords::colourOf)
                .flatMap(Optional::stream)
                .findFirst()
                .orElseGet(() -> Color.getHSBColor((float) digestHue, 0.7f, 0.9f));
        float[] hsb = Color.RGBtoHSB(primary.getRed(), primary.getGreen(), primary.getBlue(), null);
        float saturation = Math.min(hsb[1], 0.75f);
        Color top = Color.getHSBColor(hsb[0], saturation, 0.16f);
        Color bottom = Color.getHSBColor((hsb[0] + 0.12f) % 1f, saturation * 0.9f, 0.42f);
        Color accent = Color.getHSBColor(hsb[0], Math.min(hsb[1], 0.65f), Math.max(hsb[2], 0.85f));
        return new Palette(top, bottom, accent);
    }
}
