package dev.tollgate.provider.simulator.video;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/** Big-endian bytes for ISO base media boxes, nested by writing a box's size once its content is known. */
final class BoxWriter {

    private byte[] bytes = new byte[1024];
    private int length;

    BoxWriter box(String type, Consumer<BoxWriter> content) {
        int start = length;
        u32(0);
        fourcc(type);
        content.accept(this);
        int size = length - start;
        bytes[start] = (byte) (size >>> 24);
        bytes[start + 1] = (byte) (size >>> 16);
        bytes[start + 2] = (byte) (size >>> 8);
        bytes[start + 3] = (byte) size;
        return this;
    }

    /** A box whose content starts with a version byte and 24 bits of flags. */
    BoxWriter fullBox(String type, int flags, Consumer<BoxWriter> content) {
        return box(type, box -> {
            box.u32(flags & 0xFFFFFF);
            content.accept(box);
        });
    }

    BoxWriter u8(int value) {
        ensure(1);
        bytes[length++] = (byte) value;
        return this;
    }

    BoxWriter u16(int value) {
        return u8(value >>> 8).u8(value);
    }

    BoxWriter u32(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("Does not fit 32 bits: " + value);
        }
        return u16((int) (value >>> 16)).u16((int) value);
    }

    /** Unsigned 16.16 fixed point, as MP4 gives sizes and rates. */
    BoxWriter fixed16(int whole) {
        return u32((long) whole << 16);
    }

    BoxWriter fourcc(String code) {
        byte[] ascii = code.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length != 4) {
            throw new IllegalArgumentException("Not a four-character code: " + code);
        }
        return bytes(ascii);
    }

    BoxWriter bytes(byte[] values) {
        ensure(values.length);
        System.arraycopy(values, 0, bytes, length, values.length);
        length += values.length;
        return this;
    }

    BoxWriter zeros(int count) {
        ensure(count);
        length += count;
        return this;
    }

    int length() {
        return length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
