package dev.tollgate.provider.simulator.video;

import java.nio.ByteBuffer;

/**
 * One encoded frame as MP4 stores it: its slices, each preceded by its length in four bytes.
 *
 * @param data read from its position to its limit; only valid until the encoder's next frame
 * @param keyFrame whether the frame decodes on its own (an IDR picture), where playback can start or seek to
 */
record AvcSample(ByteBuffer data, boolean keyFrame) {}
