package dev.tollgate.provider.simulator.video;

import java.util.Objects;

/**
 * What to render: the prompt the clip is painted from, its size in pixels, its length and frame rate.
 *
 * <p>The limits are those of the H.264 stream written (Baseline profile at level 4.0): at most 8,192 macroblocks of
 * 16x16 pixels per frame, which admits 1920x1080 and 1792x1024, at up to 30 frames a second.
 *
 * @param width even, because 4:2:0 chroma covers pixels in pairs
 * @param height even, for the same reason
 */
public record VideoSpec(String prompt, int width, int height, int seconds, int fps) {

    /** Smooth enough for moving shapes and about half the encoding time of 24. */
    public static final int DEFAULT_FPS = 15;

    private static final int MAX_FPS = 30;
    private static final int MAX_SECONDS = 60;
    private static final int MAX_MACROBLOCKS = 8192;
    private static final int MIN_SIDE = 32;

    public VideoSpec {
        Objects.requireNonNull(prompt, "prompt");
        if (prompt.isBlank()) {
            throw new IllegalArgumentException("A video needs a prompt");
        }
        if (width < MIN_SIDE || height < MIN_SIDE || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException(
                    "Width and height must be even and at least " + MIN_SIDE + ": " + width + "x" + height);
        }
        if (macroblocks(width) * macroblocks(height) > MAX_MACROBLOCKS) {
            throw new IllegalArgumentException(
                    "Frames larger than 1920x1080 are not supported: " + width + "x" + height);
        }
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("Seconds must be between 1 and " + MAX_SECONDS + ": " + seconds);
        }
        if (fps < 1 || fps > MAX_FPS) {
            throw new IllegalArgumentException("Frame rate must be between 1 and " + MAX_FPS + ": " + fps);
        }
    }

    /** A clip at {@link #DEFAULT_FPS}. */
    public VideoSpec(String prompt, int width, int height, int seconds) {
        this(prompt, width, height, seconds, DEFAULT_FPS);
    }

    /**
     * A clip at {@link #DEFAULT_FPS} as near the asked size as the stream admits: odd sides are made even, and a frame
     * over the macroblock limit is scaled down, keeping its aspect, until it fits.
     */
    public static VideoSpec fitting(String prompt, int width, int height, int seconds) {
        int fittedWidth = even(width);
        int fittedHeight = even(height);
        double scale = 1;
        while (macroblocks(fittedWidth) * macroblocks(fittedHeight) > MAX_MACROBLOCKS) {
            scale *= 0.98;
            fittedWidth = even((int) (width * scale));
            fittedHeight = even((int) (height * scale));
        }
        return new VideoSpec(prompt, fittedWidth, fittedHeight, seconds);
    }

    private static int even(int pixels) {
        return pixels & ~1;
    }

    int frameCount() {
        return seconds * fps;
    }

    static int macroblocks(int pixels) {
        return (pixels + 15) / 16;
    }
}
