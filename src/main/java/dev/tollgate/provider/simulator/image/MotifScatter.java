package dev.tollgate.provider.simulator.image;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Places one motif per word inside an area, each clear of the spots already taken and, as far as room allows, of
 * the others: a few tries at random, then the last try stands.
 */
record MotifScatter(Palette palette, Random layout, double sizeFactor, int alpha) {

    private static final int MAX_MOTIFS = 14;
    private static final int TRIES = 40;

    /** Where something round sits, in design units. */
    record Spot(double x, double y, double radius) {

        boolean overlaps(Spot other) {
            return Math.hypot(x - other.x, y - other.y) < (radius + other.radius) * 0.9;
        }
    }

    List<Motif> scatter(List<String> words, Rectangle2D area, List<Spot> taken) {
        List<Spot> placed = new ArrayList<>(taken);
        List<Motif> motifs = new ArrayList<>();
        for (String word : words.subList(0, Math.min(words.size(), MAX_MOTIFS))) {
            double radius = sizeFactor * Math.min(80, 20 + 6 * word.length()) * (0.8 + 0.4 * layout.nextDouble());
            Spot spot = freeSpot(radius, area, placed);
            placed.add(spot);
            double rotation = (layout.nextDouble() - 0.5) * Math.PI / 3;
            motifs.add(Motif.of(word, palette, spot.x(), spot.y(), radius, rotation, alpha));
        }
        return motifs;
    }

    private Spot freeSpot(double radius, Rectangle2D area, List<Spot> placed) {
        Spot spot = null;
        for (int attempt = 0; attempt < TRIES; attempt++) {
            spot = new Spot(
                    area.getMinX() + radius + Math.max(0, area.getWidth() - 2 * radius) * layout.nextDouble(),
                    area.getMinY() + radius + Math.max(0, area.getHeight() - 2 * radius) * layout.nextDouble(),
                    radius);
            if (isClear(spot, placed)) {
                return spot;
            }
        }
        return spot;
    }

    private static boolean isClear(Spot spot, List<Spot> placed) {
        return placed.stream().noneMatch(spot::overlaps);
    }
}
