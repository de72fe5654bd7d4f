package dev.tollgate.provider.simulator.image;

import static dev.tollgate.provider.simulator.image.TestImages.PROMPT;
import static dev.tollgate.provider.simulator.image.TestImages.generation;
import static dev.tollgate.provider.simulator.image.TestImages.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.provider.ImageFormat;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GenerationTests {

    private static final int MEGABYTE = 1 << 20;

    @ParameterizedTest
    @ValueSource(ints = {1024, 2048, 4096})
    void aGenerationIsAPngOfExactlyTheModelsResolution(int size) {
        byte[] png = render(generation(PROMPT, size, 1), 0);

        BufferedImage image = TestImages.decode(png);

        assertThat(ImageFormat.sniff(png)).contains(ImageFormat.PNG);
        assertThat(image.getWidth()).isEqualTo(size);
        assertThat(image.getHeight()).isEqualTo(size);
        assertThat(png.length)
                .as("painted shapes and gradients compress well, even at 4096×4096")
                .isLessThan(4 * MEGABYTE);
    }

    @Test
    void theSameModelPromptAndIndexGiveTheSameBytes() {
        byte[] first = render(generation(PROMPT, 1024, 1), 0);
        byte[] second = render(generation(PROMPT, 1024, 1), 0);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void anotherPromptGivesAnotherPicture() {
        BufferedImage lighthouse = TestImages.decode(render(generation(PROMPT, 1024, 1), 0));
        BufferedImage forest = TestImages.decode(render(generation("A misty pine forest at dawn", 1024, 1), 0));

        assertThat(TestImages.changedShare(lighthouse, forest, 0, 1024, 16))
                .as("share of pixels that differ visibly")
                .isGreaterThan(0.5);
    }

    @Test
    void aGenerationIsAPictureNotAFlatColour() {
        BufferedImage image = TestImages.decode(render(generation(PROMPT, 1024, 1), 0));

        assertThat(TestImages.distinctColours(image)).as("distinct colours").isGreaterThan(1000);
        assertThat(TestImages.luminanceSpread(image))
                .as("standard deviation of luminance")
                .isGreaterThan(25);
    }

    @Test
    void theImagesOfOneRequestDifferVisibly() {
        BufferedImage first = TestImages.decode(render(generation(PROMPT, 1024, 2), 0));
        BufferedImage second = TestImages.decode(render(generation(PROMPT, 1024, 2), 1));

        assertThat(TestImages.changedShare(first, second, 0, 1024, 16))
                .as("share of pixels that differ visibly")
                .isGreaterThan(0.25);
    }

    @Test
    void paintingA4096PictureAllocatesFarLessThanItsRaster() throws IOException {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // classes, fonts and the first caption's layout are loaded once per JVM, not per picture
        ImageRenderer.forRequest(generation(PROMPT, 1024, 1)).writePng(0, OutputStream.nullOutputStream());
        ImageRenderer renderer = ImageRenderer.forRequest(generation(PROMPT, 4096, 1));

        long before = threads.getCurrentThreadAllocatedBytes();
        renderer.writePng(0, OutputStream.nullOutputStream());
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        System.out.printf("Painting a 4096×4096 generation allocated %.1f MB%n", allocated / (double) MEGABYTE);
        assertThat(allocated)
                .as("bytes allocated while painting 4096×4096; the whole raster would be 64 MB")
                .isLessThan(16L * MEGABYTE);
    }
}
