package dev.tollgate.provider.simulator.image;

import java.awt.Color;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The colours of one picture, chosen around a base hue so they belong together: a sky from its zenith to the
 * horizon in neighbouring hues (so the gradient never passes through grey), a warm sun, ridges fading from deep in
 * front to hazy at the back, and accents for the word motifs on the far side of the colour wheel, where they stand
 * out against the sky.
 */
record Palette(SkyHue tone, Color zenith, Color horizon, Color sun, List<Color> ridges, List<Color> accents) {

    static final int RIDGES = 4;
    private static final int ACCENTS = 5;
    private static final Color WARM_WHITE = new Color(255, 246, 222);

    Palette {
        ridges = List.copyOf(ridges);
        accents = List.copyOf(accents);
    }

    static Palette from(Random random) {
        SkyHue tone = SkyHue.pick(random);
        float hue = tone.hue(random);
        float dusk = 0.3f + 0.35f * random.nextFloat();
        Color zenith = hsb(hue, 0.55f + 0.2f * random.nextFloat(), dusk);
        Color horizon = hsb(hue + 0.06f + 0.06f * random.nextFloat(), 0.3f + 0.2f * random.nextFloat(), 0.97f);
        Color sun = mix(horizon, WARM_WHITE, 0.7f);
        float land = hue + (random.nextBoolean() ? 0.12f : -0.12f) + 0.06f * random.nextFloat();
        Color near = hsb(land, 0.45f + 0.2f * random.nextFloat(), 0.28f + 0.12f * random.nextFloat());
        Color far = mix(horizon, hsb(land, 0.35f, 0.75f), 0.45f);
        List<Color> ridges = IntStream.range(0, RIDGES)
                .mapToObj(depth -> mix(far, near, depth / (float) (RIDGES - 1)))
                .toList();
        float spread = 0.05f + 0.05f * random.nextFloat();
        List<Color> accents = IntStream.range(0, ACCENTS)
                .mapToObj(i -> hsb(
                        hue + 0.5f + (i - ACCENTS / 2) * spread,
                        0.45f + 0.3f * random.nextFloat(),
                        0.85f + 0.15f * random.nextFloat()))
                .toList();
        return new Palette(tone, zenith, horizon, sun, ridges, accents);
    }

    /** {@code from} moved {@code share} of the way to {@code to}. */
    static Color mix(Color from, Color to, float share) {
        return new Color(
                Math.round(from.getRed() + (to.getRed() - from.getRed()) * share),
                Math.round(from.getGreen() + (to.getGreen() - from.getGreen()) * share),
                Math.round(from.getBlue() + (to.getBlue() - from.getBlue()) * share));
    }

    private static Color hsb(float hue, float saturation, float brightness) {
        return Color.getHSBColor(hue - (float) Math.floor(hue), clamp(saturation), clamp(brightness));
    }

    private static float clamp(float value) {
        return Math.max(0f, Math.min(1f, value));
    }
}
