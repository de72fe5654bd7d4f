package dev.tollgate.provider.simulator.video;

import java.util.Arrays;
import java.util.stream.IntStream;

/** The track's samples as the MP4 header indexes them: each one's size and which of them are key frames. */
final class SampleTable {

    private final int[] sizes;
    private final boolean[] keyFrames;
    private int count;

    SampleTable(int capacity) {
        this.sizes = new int[capacity];
        this.keyFrames = new boolean[capacity];
    }

    /** The table a clip will have, sizes aside: enough to know how long its header will be. */
    static SampleTable planned(int frames, int keyInterval) {
        SampleTable plan = new SampleTable(frames);
        for (int frame = 0; frame < frames; frame++) {
            plan.add(0, frame % keyInterval == 0);
        }
        return plan;
    }

    void add(int size, boolean keyFrame) {
        if (count == sizes.length) {
            throw new IllegalStateException("More samples than the " + sizes.length + " planned");
        }
        sizes[count] = size;
        keyFrames[count] = keyFrame;
        count++;
    }

    int count() {
        return count;
    }

    int[] sizes() {
        return Arrays.copyOf(sizes, count);
    }

    /** Numbered from one, as {@code stss} counts them. */
    int[] keyFrameNumbers() {
        return IntStream.range(0, count)
                .filter(i -> keyFrames[i])
                .map(i -> i + 1)
                .toArray();
    }

    long totalSize() {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += sizes[i];
        }
        return total;
    }
}
