package dev.tollgate.provider.seedance;

import java.util.Comparator;
import java.util.List;

/**
 * How a pixel size is asked of Seedance, which takes an aspect ratio and a resolution class instead: the nearest of
 * its ratios, and the class ({@code 480p}, {@code 720p}, {@code 1080p}) nearest in pixel count.
 */
record VideoShape(String ratio, String resolution) {

    private static final List<String> RATIOS = List.of("21:9", "16:9", "4:3", "1:1", "3:4", "9:16");

    // pixel counts of the classes at 16:9 (864×480, 1248×704, 1920×1088); other ratios hold about as many pixels
    private static final List<Resolution> RESOLUTIONS = List.of(
            new Resolution("480p", 864 * 480),
            new Resolution("720p", 1248 * 704),
            new Resolution("1080p", 1920 * 1088));

    private record Resolution(String name, long pixels) {}

    static VideoShape of(int width, int height) {
        double ratio = (double) width / height;
        String nearestRatio = RATIOS.stream()
                .min(Comparator.comparingDouble(candidate -> distance(ratioOf(candidate), ratio)))
                .orElseThrow();
        long pixels = (long) width * height;
        String nearestResolution = RESOLUTIONS.stream()
                .min(Comparator.comparingDouble(candidate -> distance(candidate.pixels(), pixels)))
                .orElseThrow()
                .name();
        return new VideoShape(nearestRatio, nearestResolution);
    }

    // on a log scale, so 2× too big and 2× too small are equally far
    private static double distance(double a, double b) {
        return Math.abs(Math.log(a / b));
    }

    private static double ratioOf(String ratio) {
        int colon = ratio.indexOf(':');
        return Double.parseDouble(ratio.substring(0, colon)) / Double.parseDouble(ratio.substring(colon + 1));
    }
}
