package dev.tollgate.provider.simulator.video;

/** What the MP4 header says about the one video track besides its samples. */
record TrackFormat(int width, int height, int fps, AvcParameterSets parameterSets) {

    /** Ticks per second of the track's clock: a whole number of them per frame, at any frame rate. */
    int timescale() {
        return fps * ticksPerFrame();
    }

    int ticksPerFrame() {
        return 1000;
    }
}
