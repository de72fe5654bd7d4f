package dev.tollgate.provider.simulator.image;

import java.util.Locale;
import java.util.Random;

/** The base hues a picture's sky is drawn from, each with the name a revised prompt gives its tones. */
enum SkyHue {
    CORAL(0.02f),
    AMBER(0.08f),
    JADE(0.33f),
    TEAL(0.47f),
    AZURE(0.56f),
    COBALT(0.63f),
    INDIGO(0.71f),
    VIOLET(0.79f),
    ROSE(0.92f);

    /** How far a picture's hue may stray from its anchor, either way. */
    private static final float JITTER = 0.03f;

    private final float anchor;

    SkyHue(float anchor) {
        this.anchor = anchor;
    }

    static SkyHue pick(Random random) {
        return values()[random.nextInt(values().length)];
    }

    float hue(Random random) {
        return anchor + JITTER * (2 * random.nextFloat() - 1);
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
