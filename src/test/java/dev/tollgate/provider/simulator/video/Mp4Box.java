package dev.tollgate.provider.simulator.video;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An MP4 box read independently of the code that wrote it: its type, where it starts in the file, its content and,
 * for the containers a video track uses, the boxes inside it.
 */
record Mp4Box(String type, long offset, ByteBuffer content, List<Mp4Box> children) {

    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl", "dinf");
    /** Bytes before the sample entries: version, flags and the entry count. */
    private static final int STSD_PREFIX = 8;

    /** Bytes of a visual sample entry's own fields, before its boxes. */
    private static final int VISUAL_SAMPLE_ENTRY = 78;

    static List<Mp4Box> parse(byte[] file) {
        return parse(ByteBuffer.wrap(file), 0);
    }

    private static List<Mp4Box> parse(ByteBuffer bytes, long base) {
        List<Mp4Box> boxes = new ArrayList<>();
        ByteBuffer in = bytes.slice();
        while (in.remaining() >= 8) {
            int start = in.position();
            long size = Integer.toUnsignedLong(in.getInt());
            byte[] type = new byte[4];
            in.get(type);
            if (size < 8 || size > in.remaining() + 8L) {
                throw new IllegalArgumentException("Box " + new String(type, StandardCharsets.US_ASCII) + " at "
                        + (base + start) + " claims " + size + " bytes");
            }
            ByteBuffer content = in.slice(in.position(), (int) size - 8);
            String name = new String(type, StandardCharsets.US_ASCII);
            long contentOffset = base + start + 8;
            boxes.add(new Mp4Box(name, base + start, content, children(name, content, contentOffset)));
            in.position(start + (int) size);
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " stray bytes after the last box");
        }
        return boxes;
    }

    private static List<Mp4Box> children(String type, ByteBuffer content, long offset) {
        int skip = switch (type) {
            case "stsd" -> STSD_PREFIX;
            case "avc1" -> VISUAL_SAMPLE_ENTRY;
            default -> CONTAINERS.contains(type) ? 0 : -1;
        };
        if (skip < 0) {
            return List.of();
        }
        return parse(content.slice(skip, content.limit() - skip), offset + skip);
    }

    /** The box at a slash-separated path below this one, taking the first of each type. */
    Optional<Mp4Box> find(String path) {
        Mp4Box box = this;
        for (String type : path.split("/")) {
            Optional<Mp4Box> child = box.child(type);
            if (child.isEmpty()) {
                return Optional.empty();
            }
            box = child.get();
        }
        return Optional.of(box);
    }

    Optional<Mp4Box> child(String type) {
        return children.stream().filter(box -> box.type.equals(type)).findFirst();
    }

    /** The unsigned 32-bit number {@code at} bytes into the content. */
    long u32(int at) {
        return Integer.toUnsignedLong(content.getInt(at));
    }

    int u16(int at) {
        return Short.toUnsignedInt(content.getShort(at));
    }

    int u8(int at) {
        return Byte.toUnsignedInt(content.get(at));
    }

    byte[] bytes(int at, int length) {
        byte[] bytes = new byte[length];
        content.get(at, bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return type + "@" + offset + "(" + content.limit() + " bytes)" + (children.isEmpty() ? "" : children);
    }
}
