/**
 * The simulator's videos: a short clip painted from the prompt (its words as moving shapes, its colours as the
 * palette, the prompt itself as a caption), encoded in pure Java as H.264 and written as an MP4 that browsers play,
 * with the header first so playback can start before the download ends.
 */
@NullMarked
package dev.tollgate.provider.simulator.video;

import org.jspecify.annotations.NullMarked;
