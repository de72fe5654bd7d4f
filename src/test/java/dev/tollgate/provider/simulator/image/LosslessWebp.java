package dev.tollgate.provider.simulator.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes small lossless WebP files for tests, where the JDK and TwelveMonkeys can only read WebP. It uses the VP8L
 * format's simplest form: no transforms, no colour cache, and "simple" prefix codes of one bit, which limit each
 * colour channel to two values, {@code low} and {@code high}: eight colours in all, enough for a pattern.
 */
public final class LosslessWebp {

    /** Which channels of a pixel take their high value: bit 2 red, bit 1 green, bit 0 blue. */
    @FunctionalInterface
    public interface Pattern {
        int highChannels(int x, int y);
    }

    private final BitWriter bits = new BitWriter();

    private LosslessWebp() {}

    public static byte[] write(int width, int height, int low, int high, Pattern pattern) {
        if (low >= high || low < 0 || high > 255) {
            throw new IllegalArgumentException("0 <= low < high <= 255");
        }
        return new LosslessWebp().encode(width, height, low, high, pattern);
    }

    private byte[] encode(int width, int height, int low, int high, Pattern pattern) {
        bits.write(0x2F, 8); // VP8L signature
        bits.write(width - 1, 14);
        bits.write(height - 1, 14);
        bits.write(0, 1); // no alpha
        bits.write(0, 3); // version 0
        bits.write(0, 1); // no transform
        bits.write(0, 1); // no colour cache
        bits.write(0, 1); // one set of prefix codes for the whole image
        twoSymbolCode(low, high); // green
        twoSymbolCode(low, high); // red
        twoSymbolCode(low, high); // blue
        oneSymbolCode(255); // alpha
        oneSymbolCode(0); // distance, unused
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int channels = pattern.highChannels(x, y);
                // with two one-bit codes the lower symbol is 0, the higher 1; the alpha code takes no bits
                bits.write((channels >> 1) & 1, 1);
                bits.write((channels >> 2) & 1, 1);
                bits.write(channels & 1, 1);
            }
        }
        return riff(bits.toByteArray());
    }

    private void twoSymbolCode(int first, int second) {
        bits.write(1, 1); // simple code
        bits.write(1, 1); // two symbols
        bits.write(1, 1); // first symbol in eight bits
        bits.write(first, 8);
        bits.write(second, 8);
    }

    private void oneSymbolCode(int symbol) {
        bits.write(1, 1); // simple code
        bits.write(0, 1); // one symbol
        bits.write(1, 1); // in eight bits
        bits.write(symbol, 8);
    }

    private static byte[] riff(byte[] vp8l) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int padded = vp8l.length + (vp8l.length & 1);
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        littleEndian(out, 4 + 8 + padded);
        out.writeBytes("WEBPVP8L".getBytes(StandardCharsets.US_ASCII));
        littleEndian(out, vp8l.length);
        out.writeBytes(vp8l);
        if (padded != vp8l.length) {
            out.write(0);
        }
        return out.toByteArray();
    }

    private static void littleEndian(ByteArrayOutputStream out, int value) {
        for (int shift = 0; shift < 32; shift += 8) {
            out.write(value >>> shift);
        }
    }

    /** Packs values least significant bit first, as VP8L reads them. */
    private static final class BitWriter {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private int pending;
        private int pendingBits;

        void write(int value, int count) {
            for (int i = 0; i < count; i++) {
                pending |= ((value >>> i) & 1) << pendingBits++;
                if (pendingBits == 8) {
                    bytes.write(pending);
                    pending = 0;
                    pendingBits = 0;
                }
            }
        }

        byte[] toByteArray() {
            if (pendingBits > 0) {
                bytes.write(pending);
                pending = 0;
                pendingBits = 0;
            }
            return bytes.toByteArray();
        }
    }
}
