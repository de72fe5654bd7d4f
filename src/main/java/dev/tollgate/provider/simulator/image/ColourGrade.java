package dev.tollgate.provider.simulator.image;

import java.awt.Color;

/**
 * Split toning: shadows pushed towards one tint and highlights towards another, by adding each tint's colour
 * (without its brightness) in proportion to how dark or light the pixel is. Unlike mixing in a flat colour it keeps
 * the picture's contrast and saturation, so the change reads as a grade, not a wash.
 */
final class ColourGrade {

    private final int[] redShift = new int[256];
    private final int[] greenShift = new int[256];
    private final int[] blueShift = new int[256];

    /** {@code strength} from 0 (no change) to 1 (each tint's full colour at the ends of the range). */
    ColourGrade(Color shadows, Color highlights, double strength) {
        if (strength < 0 || strength > 1) {
            throw new IllegalArgumentException("A grade's strength is 0 to 1");
        }
        for (int luminance = 0; luminance < 256; luminance++) {
            double light = luminance / 255.0;
            double shadowShare = strength * (1 - light);
            double highlightShare = strength * light;
            redShift[luminance] = shift(shadows.getRed(), shadows, shadowShare)
                    + shift(highlights.getRed(), highlights, highlightShare);
            greenShift[luminance] = shift(shadows.getGreen(), shadows, shadowShare)
                    + shift(highlights.getGreen(), highlights, highlightShare);
            blueShift[luminance] = shift(shadows.getBlue(), shadows, shadowShare)
                    + shift(highlights.getBlue(), highlights, highlightShare);
        }
    }

    /** Grades the first {@code count} 0xRRGGBB pixels in place. */
    void apply(int[] pixels, int count) {
        for (int i = 0; i < count; i++) {
            int rgb = pixels[i];
            int r = (rgb >>> 16) & 0xFF;
            int g = (rgb >>> 8) & 0xFF;
            int b = rgb & 0xFF;
            int luminance = (r * 77 + g * 150 + b * 29) >>> 8;
            pixels[i] = clamp(r + redShift[luminance]) << 16
                    | clamp(g + greenShift[luminance]) << 8
                    | clamp(b + blueShift[luminance]);
        }
    }

    private static int shift(int channel, Color tint, double share) {
        double tintLuminance = 0.299 * tint.getRed() + 0.587 * tint.getGreen() + 0.114 * tint.getBlue();
        return (int) Math.round((channel - tintLuminance) * share);
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }
}
