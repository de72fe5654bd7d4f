package dev.tollgate.provider.simulator.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Frames bytes as PNG chunks (length, type, data, CRC), cutting the compressed image data into bounded IDATs. */
final class PngChunks {

    private static final int IDAT_SIZE = 1 << 16;

    private final OutputStream out;
    private final CRC32 crc = new CRC32();
    private final byte[] idat = new byte[IDAT_SIZE];
    private int idatLength;

    PngChunks(OutputStream out) {
        this.out = out;
    }

    void write(String type, byte[] data) throws IOException {
        write(type, data, data.length);
    }

    /** A stream whose bytes become IDAT chunks of at most 64 KB each. */
    OutputStream idatStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                while (length > 0) {
                    int taken = Math.min(length, IDAT_SIZE - idatLength);
                    System.arraycopy(bytes, offset, idat, idatLength, taken);
                    idatLength += taken;
                    offset += taken;
                    length -= taken;
                    if (idatLength == IDAT_SIZE) {
                        finishIdat();
                    }
                }
            }
        };
    }

    /** Writes what is buffered of the image data as a last IDAT chunk. */
    void finishIdat() throws IOException {
        if (idatLength > 0) {
            write("IDAT", idat, idatLength);
            idatLength = 0;
        }
    }

    private void write(String type, byte[] data, int length) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        writeInt(length);
        out.write(typeBytes);
        out.write(data, 0, length);
        crc.reset();
        crc.update(typeBytes);
        crc.update(data, 0, length);
        writeInt((int) crc.getValue());
    }

    private void writeInt(int value) throws IOException {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
