package dev.tollgate.provider.simulator.image;

import java.awt.Graphics2D;

/** One element of a composition, drawn in {@link Design} units. */
interface Layer {

    void paint(Graphics2D graphics);
}
