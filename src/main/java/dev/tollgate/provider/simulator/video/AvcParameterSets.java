package dev.tollgate.provider.simulator.video;

import java.util.Arrays;

/**
 * The stream's sequence and picture parameter sets, each a whole NAL unit without start code, which MP4 keeps once
 * in the track's {@code avcC} box rather than before every key frame.
 */
record AvcParameterSets(byte[] sps, byte[] pps) {

    AvcParameterSets {
        if (sps.length < 4 || pps.length < 1) {
            throw new IllegalArgumentException("Parameter sets too short to be H.264's");
        }
    }

    int profile() {
        return sps[1] & 0xFF;
    }

    int compatibility() {
        return sps[2] & 0xFF;
    }

    int level() {
        return sps[3] & 0xFF;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AvcParameterSets that && Arrays.equals(sps, that.sps) && Arrays.equals(pps, that.pps);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sps) + Arrays.hashCode(pps);
    }

    @Override
    public String toString() {
        return "AvcParameterSets[sps=" + sps.length + " bytes, pps=" + pps.length + " bytes]";
    }
}
