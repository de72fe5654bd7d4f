package dev.tollgate.provider.simulator.image;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes an 8-bit RGB PNG row by row, so no more than the rows at hand are ever in memory. Every row gets the Paeth
 * filter: on painted gradients and photos it compresses about as well as choosing a filter per row, at a third of
 * the cost.
 */
final class PngEncoder implements AutoCloseable {

    /** The first level with lazy matching: a third smaller than level 3 on painted pictures, and still fast. */
    static final int DEFLATE_LEVEL = 4;

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final int BYTES_PER_PIXEL = 3;
    private static final byte PAETH = 4;

    private final PngChunks chunks;
    private final Deflater deflater = new Deflater(DEFLATE_LEVEL);
    private final DeflaterOutputStream idat;
    private final int width;
    private final int height;
    private byte[] previous;
    private byte[] current;
    private final byte[] filtered;
    private int rowsWritten;

    PngEncoder(OutputStream out, int width, int height) throws IOException {
        this.width = width;
        this.height = height;
        this.chunks = new PngChunks(out);
        out.write(SIGNATURE);
        chunks.write("IHDR", header(width, height));
        this.idat = new DeflaterOutputStream(chunks.idatStream(), deflater, 1 << 15);
        this.previous = new byte[width * BYTES_PER_PIXEL];
        this.current = new byte[width * BYTES_PER_PIXEL];
        this.filtered = new byte[width * BYTES_PER_PIXEL + 1];
        filtered[0] = PAETH;
    }

    /** Appends {@code rows} rows of 0xRRGGBB pixels, {@code width} to a row, from the start of {@code pixels}. */
    void writeRows(int[] pixels, int rows) throws IOException {
        if (rowsWritten + rows > height) {
            throw new IllegalStateException("More rows than the image has");
        }
        for (int row = 0; row < rows; row++) {
            unpack(pixels, row * width, current);
            paeth(current, previous, filtered);
            idat.write(filtered);
            byte[] swap = previous;
            previous = current;
            current = swap;
        }
        rowsWritten += rows;
    }

    /** Ends the image data and the file; the underlying stream stays open. */
    void finish() throws IOException {
        if (rowsWritten != height) {
            throw new IllegalStateException("The image has " + height + " rows, " + rowsWritten + " written");
        }
        idat.finish();
        chunks.finishIdat();
        chunks.write("IEND", new byte[0]);
    }

    /** Frees the compressor's native memory, whether or not the image was finished. */
    @Override
    public void close() {
        deflater.end();
    }

    private static void unpack(int[] pixels, int offset, byte[] row) {
        for (int x = 0, i = 0; i < row.length; x++) {
            int rgb = pixels[offset + x];
            row[i++] = (byte) (rgb >>> 16);
            row[i++] = (byte) (rgb >>> 8);
            row[i++] = (byte) rgb;
        }
    }

    /** Each byte less the Paeth predictor from its left, upper and upper-left neighbours (zero beyond the edges). */
    private static void paeth(byte[] row, byte[] above, byte[] out) {
        for (int i = 0; i < BYTES_PER_PIXEL; i++) {
            out[i + 1] = (byte) (row[i] - above[i]);
        }
        for (int i = BYTES_PER_PIXEL; i < row.length; i++) {
            int a = row[i - BYTES_PER_PIXEL] & 0xFF;
            int b = above[i] & 0xFF;
            int c = above[i - BYTES_PER_PIXEL] & 0xFF;
            int pa = Math.abs(b - c);
            int pb = Math.abs(a - c);
            int pc = Math.abs(a + b - 2 * c);
            int predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
            out[i + 1] = (byte) (row[i] - predicted);
        }
    }

    private static byte[] header(int width, int height) {
        return new byte[] {
            (byte) (width >>> 24),
            (byte) (width >>> 16),
            (byte) (width >>> 8),
            (byte) width,
            (byte) (height >>> 24),
            (byte) (height >>> 16),
            (byte) (height >>> 8),
            (byte) height,
            8, // bits per sample
            2, // colour type: RGB
            0, // deflate
            0, // adaptive filtering
            0 // not interlaced
        };
    }
}
