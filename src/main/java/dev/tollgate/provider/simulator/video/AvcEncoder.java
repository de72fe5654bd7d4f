package dev.tollgate.provider.simulator.video;

import java.nio.ByteBuffer;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.codecs.h264.H264Utils;
import org.jcodec.codecs.h264.encode.RateControl;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.codecs.h264.io.model.VUIParameters;
import org.jcodec.common.VideoEncoder.EncodedFrame;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Size;
import org.jspecify.annotations.Nullable;

/**
 * JCodec's H.264 encoder (Baseline profile: I and P frames, CAVLC), turned from Annex B byte streams into MP4
 * samples. The parameter sets it repeats before every key frame are kept aside once, for the MP4 header.
 */
final class AvcEncoder {

    /** Fine enough that edges and text stay crisp; see {@link ConstantQuality} for why it barely changes the size. */
    private static final int QP = 24;

    /**
     * No motion search: it took more than half of the encoding time and saved only about a fifth of the size, as this
     * encoder codes every block of a P frame whether it moved or not. At a fixed quantiser the picture is the same.
     */
    private static final int MOTION_SEARCH_RANGE = 0;

    private static final int NAL_SPS = 7;
    private static final int NAL_PPS = 8;

    private final H264Encoder encoder = new ColourTaggedEncoder(new ConstantQuality(QP));
    private final ByteBuffer encoded;
    private final ByteBuffer sample;
    private @Nullable AvcParameterSets parameterSets;

    /** @param keyInterval frames from one key frame to the next */
    AvcEncoder(int width, int height, int keyInterval) {
        encoder.setKeyInterval(keyInterval);
        encoder.setMotionSearchRange(MOTION_SEARCH_RANGE);
        int codedPixels = VideoSpec.macroblocks(width) * VideoSpec.macroblocks(height) * 256;
        // A frame never takes more than about a byte a pixel: the encoder itself gives up beyond that.
        this.encoded = ByteBuffer.allocate(codedPixels * 2 + (1 << 16));
        this.sample = ByteBuffer.allocate(encoded.capacity());
    }

    /** Encodes the next frame; the sample's buffer is reused by the next call. */
    AvcSample encode(Picture picture) {
        encoded.clear();
        EncodedFrame frame = encoder.encodeFrame(picture, encoded);
        sample.clear();
        byte[] sps = null;
        byte[] pps = null;
        for (ByteBuffer nal : H264Utils.splitFrame(frame.getData())) {
            switch (nal.get(nal.position()) & 0x1F) {
                case NAL_SPS -> sps = bytes(nal);
                case NAL_PPS -> pps = bytes(nal);
                default -> sample.putInt(nal.remaining()).put(nal);
            }
        }
        if (sps != null && pps != null) {
            keep(new AvcParameterSets(sps, pps));
        }
        sample.flip();
        return new AvcSample(sample, frame.isKeyFrame());
    }

    /** The parameter sets of the stream so far; there are some once the first frame is encoded. */
    AvcParameterSets parameterSets() {
        if (parameterSets == null) {
            throw new IllegalStateException("No frame encoded yet");
        }
        return parameterSets;
    }

    /** MP4 has room for one pair here, so every key frame must repeat the first one's. */
    private void keep(AvcParameterSets sets) {
        if (parameterSets == null) {
            parameterSets = sets;
        } else if (!parameterSets.equals(sets)) {
            throw new IllegalStateException("The encoder changed its parameter sets mid-stream");
        }
    }

    /**
     * JCodec's encoder with the colour of its samples in the sequence parameter set. Without it a decoder guesses,
     * and Chromium guesses BT.709 for HD but BT.601 for smaller frames; stated, every frame size looks the same.
     */
    private static final class ColourTaggedEncoder extends H264Encoder {

        private static final int BT709 = 1;
        private static final int SRGB_TRANSFER = 13;
        private static final int UNSPECIFIED_FORMAT = 5;

        ColourTaggedEncoder(RateControl rateControl) {
            super(rateControl);
        }

        @Override
        public SeqParameterSet initSPS(Size size) {
            SeqParameterSet sps = super.initSPS(size);
            VUIParameters vui = new VUIParameters();
            vui.videoSignalTypePresentFlag = true;
            vui.videoFormat = UNSPECIFIED_FORMAT;
            vui.videoFullRangeFlag = false;
            vui.colourDescriptionPresentFlag = true;
            vui.colourPrimaries = BT709;
            vui.transferCharacteristics = SRGB_TRANSFER;
            vui.matrixCoefficients = BT709;
            sps.vuiParams = vui;
            return sps;
        }
    }

    private static byte[] bytes(ByteBuffer nal) {
        byte[] bytes = new byte[nal.remaining()];
        nal.duplicate().get(bytes);
        return bytes;
    }
}
