package dev.tollgate.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.provider.ImageProbe.InvalidImageException;
import dev.tollgate.provider.ImageProbe.ProbedImage;
import dev.tollgate.provider.simulator.image.LosslessWebp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageProbeTests {

    @Test
    void readsAPngsSize() throws IOException {
        assertThat(ImageProbe.probe(encode(new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB), "png")))
                .isEqualTo(new ProbedImage(ImageFormat.PNG, 640, 480));
    }

    @Test
    void readsAJpegsSize() throws IOException {
        assertThat(ImageProbe.probe(encode(new BufferedImage(300, 700, BufferedImage.TYPE_INT_RGB), "jpeg")))
                .isEqualTo(new ProbedImage(ImageFormat.JPEG, 300, 700));
    }

    @Test
    void readsAWebpsSize() {
        byte[] webp = LosslessWebp.write(120, 80, 0, 255, (x, y) -> (x + y) % 8);

        assertThat(ImageProbe.probe(webp)).isEqualTo(new ProbedImage(ImageFormat.WEBP, 120, 80));
    }

    @Test
    void readsOnlyTheHeaderSoAHugeImageCostsNothing() {
        byte[] header = pngHeader(40_000, 30_000);

        ProbedImage probed = ImageProbe.probe(header);

        assertThat(probed.pixels()).isEqualTo(1_200_000_000L);
    }

    @Test
    void refusesBytesOfAnotherFormat() {
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> ImageProbe.probe(gif))
                .isInstanceOf(InvalidImageException.class)
                .hasMessage("The image is not a PNG, JPEG or WebP file");
    }

    @Test
    void refusesATruncatedHeader() throws IOException {
        byte[] jpeg = encode(new BufferedImage(300, 700, BufferedImage.TYPE_INT_RGB), "jpeg");

        assertThatThrownBy(() -> ImageProbe.probe(Arrays.copyOf(jpeg, 20)))
                .isInstanceOf(InvalidImageException.class)
                .hasMessage("The image could not be read");
        assertThatThrownBy(() -> ImageProbe.probe(Arrays.copyOf(pngHeader(10, 10), 20)))
                .isInstanceOf(InvalidImageException.class)
                .hasMessage("The image could not be read");
    }

    @Test
    void refusesAnImageWithoutPixels() {
        assertThatThrownBy(() -> ImageProbe.probe(pngHeader(0, 10))).isInstanceOf(InvalidImageException.class);
        assertThatThrownBy(() -> ImageProbe.probe(pngHeader(10, 0))).isInstanceOf(InvalidImageException.class);
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    /** A PNG signature and IHDR chunk and nothing else: all a probe should need. */
    private static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII));
        ihdr.putInt(width).putInt(height).put(new byte[] {8, 2, 0, 0, 0});
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})
                .putInt(13)
                .put(ihdr.array())
                .putInt((int) crc.getValue())
                .array();
    }
}
