package dev.tollgate.provider.gemini;

import dev.tollgate.catalog.Resolution;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a resolution is asked of Gemini, which takes no pixel sizes: the nearest of its aspect ratios, and the size class
 * ({@code 2K}, {@code 4K}) when the resolution needs more than the default {@code 1K} (about a megapixel).
 *
 * @param imageSize {@code null} for the default 1K, left out of the request because older image models refuse the
 *     field
 */
record ImageFrame(String aspectRatio, @Nullable String imageSize) {

    private static final List<String> ASPECT_RATIOS =
            List.of("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9");

    // the size classes are about 1, 4 and 16 megapixels; a resolution takes the class nearest to it on a log scale
    private static final long TWO_K_FROM = 2L * 1024 * 1024;
    private static final long FOUR_K_FROM = 8L * 1024 * 1024;

    static ImageFrame of(Resolution resolution) {
        double ratio = (double) resolution.width() / resolution.height();
        String aspect = ASPECT_RATIOS.stream()
                .min(Comparator.comparingDouble(candidate -> Math.abs(Math.log(ratioOf(candidate) / ratio))))
                .orElseThrow();
        long pixels = (long) resolution.width() * resolution.height();
        String size = pixels >= FOUR_K_FROM ? "4K" : pixels >= TWO_K_FROM ? "2K" : null;
        return new ImageFrame(aspect, size);
    }

    private static double ratioOf(String aspect) {
        int colon = aspect.indexOf(':');
        return Double.parseDouble(aspect.substring(0, colon)) / Double.parseDouble(aspect.substring(colon + 1));
    }
}
