package dev.tollgate.provider.simulator.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTests {

    @Test
    void rowsWrittenInStripsDecodeToTheSamePixels() throws IOException {
        int width = 301;
        int height = 97;
        int[] pixels = new Random(7).ints(width * height, 0, 1 << 24).toArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (PngEncoder png = new PngEncoder(out, width, height)) {
            int[] strip = new int[width * 10];
            for (int top = 0; top < height; top += 10) {
                int rows = Math.min(10, height - top);
                System.arraycopy(pixels, top * width, strip, 0, rows * width);
                png.writeRows(strip, rows);
            }
            png.finish();
        }

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(decoded.getWidth()).isEqualTo(width);
        assertThat(decoded.getHeight()).isEqualTo(height);
        int[] back = decoded.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < back.length; i++) {
            back[i] &= 0xFFFFFF;
        }
        assertThat(back).as("random pixels span several IDAT chunks").isEqualTo(pixels);
    }

    @Test
    void refusesToFinishBeforeEveryRowIsWritten() throws IOException {
        try (PngEncoder png = new PngEncoder(new ByteArrayOutputStream(), 4, 4)) {
            png.writeRows(new int[4 * 3], 3);

            assertThatThrownBy(png::finish).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> png.writeRows(new int[4 * 2], 2)).isInstanceOf(IllegalStateException.class);
        }
    }
}
