package dev.tollgate.provider.simulator.video;

import org.jcodec.codecs.h264.encode.RateControl;
import org.jcodec.codecs.h264.io.model.SliceType;
import org.jcodec.common.model.Size;

/**
 * One quantiser for every macroblock. JCodec's default control re-encodes a macroblock each time it overshoots a
 * budget; a fixed quantiser encodes each once, which is faster, and the clip's size hardly depends on it, because
 * this encoder codes every block of every P frame whether it changed or not.
 */
final class ConstantQuality implements RateControl {

    private final int qp;

    ConstantQuality(int qp) {
        if (qp < 0 || qp > 51) {
            throw new IllegalArgumentException("H.264 quantisers run from 0 to 51: " + qp);
        }
        this.qp = qp;
    }

    @Override
    public int startPicture(Size size, int maxSize, SliceType sliceType) {
        return qp;
    }

    @Override
    public int initialQpDelta() {
        return 0;
    }

    @Override
    public int accept(int bits) {
        return 0;
    }
}
