package dev.tollgate.provider.simulator.image;

import static dev.tollgate.provider.simulator.image.TestImages.edit;
import static dev.tollgate.provider.simulator.image.TestImages.encode;
import static dev.tollgate.provider.simulator.image.TestImages.render;
import static dev.tollgate.provider.simulator.image.TestImages.scene;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.provider.ImageFormat;
import dev.tollgate.provider.InputImage;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EditTests {

    private static final String PROMPT = "Make it look like a summer evening by the sea";
    private static final int MEGABYTE = 1 << 20;

    static Stream<Arguments> inputsAndSizes() {
        return Stream.of(
                Arguments.of(ImageFormat.PNG, encode(scene(300, 200), "png"), 1024),
                Arguments.of(ImageFormat.JPEG, encode(scene(640, 480), "jpeg"), 2048),
                Arguments.of(ImageFormat.WEBP, checkerboardWebp(), 4096));
    }

    @ParameterizedTest
    @MethodSource("inputsAndSizes")
    void anEditIsAPngOfExactlyTheModelsResolution(ImageFormat format, byte[] input, int size) {
        assertThat(ImageFormat.sniff(input)).contains(format);

        BufferedImage image = TestImages.decode(render(edit(PROMPT, size, input, null), 0));

        assertThat(image.getWidth()).isEqualTo(size);
        assertThat(image.getHeight()).isEqualTo(size);
    }

    @Test
    void anEditVisiblyChangesTheImage() {
        BufferedImage input = scene(1024, 1024);

        BufferedImage edited = TestImages.decode(render(edit(PROMPT, 1024, encode(input, "png"), null), 0));

        assertThat(TestImages.changedShare(input, edited, 0, 1024, 12))
                .as("share of pixels that differ visibly")
                .isGreaterThan(0.5);
    }

    @Test
    void aMaskedEditChangesOnlyWhereTheMaskIsTransparent() {
        byte[] input = encode(scene(512, 512), "png");
        byte[] opaque = encode(TestImages.leftMask(512, 512, 0), "png");
        byte[] leftTransparent = encode(TestImages.leftMask(512, 512, 0.4), "png");

        BufferedImage untouched = TestImages.decode(render(edit(PROMPT, 1024, input, opaque), 0));
        BufferedImage edited = TestImages.decode(render(edit(PROMPT, 1024, input, leftTransparent), 0));

        assertThat(TestImages.changedShare(untouched, edited, 0, 380, 12))
                .as("share of the transparent part that changed")
                .isGreaterThan(0.5);
        assertThat(TestImages.changedShare(untouched, edited, 440, 1024, 0))
                .as("share of the opaque part that changed at all")
                .isZero();
    }

    @Test
    void aLargeInputIsDecodedAsItsCentreCropAtNoMoreThanTheTargetSize() throws IOException {
        BufferedImage wide = scene(2100, 1400);

        BufferedImage decoded =
                SourceDecoder.decodeToFit(InputImage.of(encode(wide, "png")).orElseThrow(), 1024, 1024);

        assertThat(decoded.getWidth()).isEqualTo(decoded.getHeight()).isBetween(512, 1024);
        assertThat(TestImages.channelDistance(decoded.getRGB(0, 0), wide.getRGB(350, 0)))
                .as("the left edge is the crop's, 350 pixels in")
                .isLessThan(4);
    }

    @Test
    void theCentreCropHasTheTargetsShape() {
        assertThat(SourceDecoder.centreCrop(3000, 2000, 1024, 1024)).isEqualTo(new Rectangle(500, 0, 2000, 2000));
        assertThat(SourceDecoder.centreCrop(600, 900, 1024, 1024)).isEqualTo(new Rectangle(0, 150, 600, 600));
        assertThat(SourceDecoder.centreCrop(800, 400, 2048, 1024)).isEqualTo(new Rectangle(0, 0, 800, 400));
    }

    @Test
    void editingAt4096AllocatesLittleMoreThanTheDecodedInput() throws IOException {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] input = encode(scene(512, 512), "png");
        ImageRenderer.forRequest(edit(PROMPT, 1024, input, null)).writePng(0, OutputStream.nullOutputStream());

        long before = threads.getCurrentThreadAllocatedBytes();
        ImageRenderer.forRequest(edit(PROMPT, 4096, input, input)).writePng(0, OutputStream.nullOutputStream());
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        System.out.printf(
                "A masked 4096×4096 edit of a 512×512 PNG allocated %.1f MB%n", allocated / (double) MEGABYTE);
        assertThat(allocated)
                .as("bytes allocated while editing at 4096×4096; the whole raster would be 64 MB")
                .isLessThan(24L * MEGABYTE);
    }

    /** Squares of eight colours, 25 pixels wide, in a lossless WebP. */
    private static byte[] checkerboardWebp() {
        return LosslessWebp.write(300, 200, 40, 220, (x, y) -> (x / 25 + y / 25) % 8);
    }
}
