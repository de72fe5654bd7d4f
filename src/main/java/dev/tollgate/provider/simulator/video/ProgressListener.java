package dev.tollgate.provider.simulator.video;

/** Told how far a render has come, as a whole percentage that only grows and ends at 100 once the file is in place. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = percent -> {};

    void progressed(int percent);
}
