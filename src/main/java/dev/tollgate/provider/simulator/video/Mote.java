package dev.tollgate.provider.simulator.video;

/**
 * A speck of light drifting sideways behind the shapes and wrapping around; many of them make even a still moment of
 * the clip visibly move.
 *
 * @param x where it starts, as a fraction of the width
 * @param y as a fraction of the height
 * @param radius as a fraction of the shorter side
 * @param speed in widths a second, negative to the left
 * @param alpha from 0 (invisible) to 255
 */
record Mote(double x, double y, double radius, double speed, int alpha) {

    /** Its horizontal position after {@code seconds}, as a fraction of the width in [0, 1). */
    double xAt(double seconds) {
        double moved = (x + speed * seconds) % 1.0;
        return moved < 0 ? moved + 1.0 : moved;
    }
}
