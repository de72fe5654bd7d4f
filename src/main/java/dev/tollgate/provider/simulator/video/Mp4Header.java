package dev.tollgate.provider.simulator.video;

import java.nio.charset.StandardCharsets;

/**
 * The boxes ahead of the media data: {@code ftyp}, then {@code moov} describing one H.264 track whose samples lie
 * back to back in a single chunk. Creation and modification times stay zero, so the same clip gives the same bytes.
 */
final class Mp4Header {

    private static final int[] IDENTITY_MATRIX = {0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000};
    private static final int LANGUAGE_UNDETERMINED = ('u' - 0x60) << 10 | ('n' - 0x60) << 5 | ('d' - 0x60);
    private static final int TRACK_ID = 1;

    private Mp4Header() {}

    static byte[] fileType() {
        BoxWriter out = new BoxWriter();
        out.box(
                "ftyp",
                box -> box.fourcc("isom")
                        .u32(0x200)
                        .fourcc("isom")
                        .fourcc("iso2")
                        .fourcc("avc1")
                        .fourcc("mp41"));
        return out.toByteArray();
    }

    /** @param dataOffset where in the file the first sample starts */
    static byte[] movie(TrackFormat format, SampleTable samples, long dataOffset) {
        long duration = (long) samples.count() * format.ticksPerFrame();
        BoxWriter out = new BoxWriter();
        out.box("moov", moov -> {
            moov.fullBox("mvhd", 0, mvhd -> {
                mvhd.u32(0).u32(0).u32(format.timescale()).u32(duration);
                mvhd.fixed16(1).u16(0x0100).zeros(10);
                matrix(mvhd);
                mvhd.zeros(24).u32(TRACK_ID + 1);
            });
            moov.box("trak", trak -> {
                trackHeader(trak, format, duration);
                trak.box("mdia", mdia -> media(mdia, format, samples, duration, dataOffset));
            });
        });
        return out.toByteArray();
    }

    private static void trackHeader(BoxWriter trak, TrackFormat format, long duration) {
        int enabledInMovie = 0x3;
        trak.fullBox("tkhd", enabledInMovie, tkhd -> {
            tkhd.u32(0).u32(0).u32(TRACK_ID).u32(0).u32(duration);
            tkhd.zeros(8).u16(0).u16(0).u16(0).u16(0);
            matrix(tkhd);
            tkhd.fixed16(format.width()).fixed16(format.height());
        });
    }

    private static void media(BoxWriter mdia, TrackFormat format, SampleTable samples, long duration, long offset) {
        mdia.fullBox(
                "mdhd",
                0,
                mdhd -> mdhd.u32(0)
                        .u32(0)
                        .u32(format.timescale())
                        .u32(duration)
                        .u16(LANGUAGE_UNDETERMINED)
                        .u16(0));
        mdia.fullBox(
                "hdlr",
                0,
                hdlr -> hdlr.u32(0)
                        .fourcc("vide")
                        .zeros(12)
                        .bytes("VideoHandler\0".getBytes(StandardCharsets.US_ASCII)));
        mdia.box("minf", minf -> {
            minf.fullBox("vmhd", 0x1, vmhd -> vmhd.zeros(8));
            minf.box("dinf", dinf -> dinf.fullBox("dref", 0, dref -> dref.u32(1).fullBox("url ", 0x1, _ -> {})));
            minf.box("stbl", stbl -> sampleTables(stbl, format, samples, offset));
        });
    }

    private static void sampleTables(BoxWriter stbl, TrackFormat format, SampleTable samples, long offset) {
        stbl.fullBox("stsd", 0, stsd -> stsd.u32(1).box("avc1", avc1 -> sampleEntry(avc1, format)));
        stbl.fullBox("stts", 0, stts -> stts.u32(1).u32(samples.count()).u32(format.ticksPerFrame()));
        int[] keyFrames = samples.keyFrameNumbers();
        stbl.fullBox("stss", 0, stss -> {
            stss.u32(keyFrames.length);
            for (int number : keyFrames) {
                stss.u32(number);
            }
        });
        stbl.fullBox("stsc", 0, stsc -> stsc.u32(1).u32(1).u32(samples.count()).u32(1));
        int[] sizes = samples.sizes();
        stbl.fullBox("stsz", 0, stsz -> {
            stsz.u32(0).u32(sizes.length);
            for (int size : sizes) {
                stsz.u32(size);
            }
        });
        stbl.fullBox("stco", 0, stco -> stco.u32(1).u32(offset));
    }

    private static void sampleEntry(BoxWriter avc1, TrackFormat format) {
        avc1.zeros(6).u16(1); // reserved, data reference index
        avc1.zeros(16); // pre-defined and reserved
        avc1.u16(format.width()).u16(format.height());
        avc1.fixed16(72).fixed16(72).u32(0).u16(1); // 72 dpi, one frame per sample
        avc1.zeros(32); // no compressor name
        avc1.u16(0x18).u16(0xFFFF); // 24-bit colour, no colour table
        AvcParameterSets sets = format.parameterSets();
        avc1.box(
                "avcC",
                avcC -> avcC.u8(1)
                        .u8(sets.profile())
                        .u8(sets.compatibility())
                        .u8(sets.level())
                        .u8(0xFF) // lengths in four bytes
                        .u8(0xE1) // one sequence parameter set
                        .u16(sets.sps().length)
                        .bytes(sets.sps())
                        .u8(1)
                        .u16(sets.pps().length)
                        .bytes(sets.pps()));
    }

    private static void matrix(BoxWriter box) {
        for (int value : IDENTITY_MATRIX) {
            box.u32(value & 0xFFFF_FFFFL);
        }
    }
}
