package dev.tollgate.provider.simulator.image;

/** An image that can paint any band of its rows on demand, so it never has to exist whole. */
interface Picture {

    /** Paints the strip's rows of the picture, every pixel of them. */
    void paint(Strip strip);
}
