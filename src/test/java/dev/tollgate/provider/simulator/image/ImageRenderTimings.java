package dev.tollgate.provider.simulator.image;

import static dev.tollgate.provider.simulator.image.TestImages.PROMPT;

import dev.tollgate.provider.ImageRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long painting and encoding take at each resolution on this machine, printed rather than asserted. Left out
 * of ordinary builds; run it with
 * {@code ./mvnw test -Dtest=ImageRenderTimings -Dtollgate.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "tollgate.bench", matches = "true")
class ImageRenderTimings {

    private static final int WARM_UPS = 3;
    private static final int RUNS = 7;
    private static final int[] SIZES = {1024, 2048, 4096};

    @Test
    void printsRenderTimesForEachResolution() throws IOException {
        byte[] photo = TestImages.encode(TestImages.scene(1280, 960), "jpeg");
        System.out.println("picture     size        median ms   min ms   PNG bytes    allocated MB");
        for (int size : SIZES) {
            print("generation", size, TestImages.generation(PROMPT, size, 1));
        }
        for (int size : SIZES) {
            print("edit (JPEG)", size, TestImages.edit("Make it look like a summer evening", size, photo, null));
        }
    }

    private static void print(String kind, int size, ImageRequest request) throws IOException {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARM_UPS; i++) {
            ImageRenderer.forRequest(request).writePng(0, OutputStream.nullOutputStream());
        }
        long[] millis = new long[RUNS];
        long bytes = 0;
        long allocated = 0;
        for (int i = 0; i < RUNS; i++) {
            CountingStream out = new CountingStream();
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            ImageRenderer.forRequest(request).writePng(0, out);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            bytes = out.count;
        }
        Arrays.sort(millis);
        System.out.printf(
                "%-11s %4d×%-4d  %9d %8d %11d %15.1f%n",
                kind, size, size, millis[RUNS / 2], millis[0], bytes, allocated / (double) (1 << 20));
    }

    private static final class CountingStream extends OutputStream {

        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }
}
