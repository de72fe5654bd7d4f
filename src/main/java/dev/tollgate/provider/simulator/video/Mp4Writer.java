package dev.tollgate.provider.simulator.video;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * Writes one H.264 track as an MP4 with its header first ("fast start"), so a browser can start playing before the
 * whole file has arrived and needs no range request to find the header at the end.
 *
 * <p>The header's length depends only on the number of samples and which are key frames, both known before the
 * first sample, so its room is left at the start of the file, samples are streamed after it and the header is
 * filled in at the end.
 */
final class Mp4Writer {

    private static final int MDAT_HEADER = 8;

    private final SeekableByteChannel out;
    private final TrackFormat format;
    private final SampleTable samples;
    private final byte[] fileType = Mp4Header.fileType();
    private final long dataOffset;

    /** @param plan the samples to come; {@link #finish} refuses a clip that turned out differently */
    Mp4Writer(SeekableByteChannel out, TrackFormat format, SampleTable plan) throws IOException {
        this.out = out;
        this.format = format;
        this.samples = new SampleTable(plan.count());
        long headerLength = fileType.length + Mp4Header.movie(format, plan, 0).length;
        this.dataOffset = headerLength + MDAT_HEADER;
        out.position(dataOffset);
    }

    void write(AvcSample sample) throws IOException {
        int size = sample.data().remaining();
        writeFully(sample.data());
        samples.add(size, sample.keyFrame());
    }

    void finish() throws IOException {
        long mdatSize = MDAT_HEADER + samples.totalSize();
        if (mdatSize > 0xFFFF_FFFFL) {
            throw new IllegalStateException("Media data beyond 4 GiB needs a 64-bit box: " + mdatSize + " bytes");
        }
        byte[] movie = Mp4Header.movie(format, samples, dataOffset);
        if (fileType.length + movie.length + MDAT_HEADER != dataOffset) {
            throw new IllegalStateException("The clip's samples differ from the plan its header was laid out for");
        }
        ByteBuffer mdatHeader =
                ByteBuffer.allocate(MDAT_HEADER).putInt((int) mdatSize).put(new byte[] {'m', 'd', 'a', 't'});
        out.position(0);
        writeFully(ByteBuffer.wrap(fileType));
        writeFully(ByteBuffer.wrap(movie));
        writeFully(mdatHeader.flip());
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }
}
