package dev.tollgate.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.catalog.Resolution;
import org.junit.jupiter.api.Test;

/** How pixel sizes become Gemini's aspect ratios and size classes. */
class ImageFrameTests {

    @Test
    void aResolutionTakesTheNearestAspectRatio() {
        assertThat(ImageFrame.of(new Resolution(1024, 1024)).aspectRatio()).isEqualTo("1:1");
        assertThat(ImageFrame.of(new Resolution(1536, 1024)).aspectRatio()).isEqualTo("3:2");
        assertThat(ImageFrame.of(new Resolution(1024, 1536)).aspectRatio()).isEqualTo("2:3");
        assertThat(ImageFrame.of(new Resolution(1920, 1080)).aspectRatio()).isEqualTo("16:9");
        assertThat(ImageFrame.of(new Resolution(768, 1344)).aspectRatio()).isEqualTo("9:16");
        assertThat(ImageFrame.of(new Resolution(2560, 1080)).aspectRatio()).isEqualTo("21:9");
        assertThat(ImageFrame.of(new Resolution(1152, 896)).aspectRatio()).isEqualTo("5:4");
    }

    @Test
    void aboutAMegapixelLeavesTheSizeToTheDefaultAndLargerAsksFor2KOr4K() {
        assertThat(ImageFrame.of(new Resolution(1024, 1024)).imageSize()).isNull();
        assertThat(ImageFrame.of(new Resolution(1536, 1024)).imageSize()).isNull();
        assertThat(ImageFrame.of(new Resolution(2048, 2048))).isEqualTo(new ImageFrame("1:1", "2K"));
        assertThat(ImageFrame.of(new Resolution(2752, 1536))).isEqualTo(new ImageFrame("16:9", "2K"));
        assertThat(ImageFrame.of(new Resolution(4096, 4096))).isEqualTo(new ImageFrame("1:1", "4K"));
        assertThat(ImageFrame.of(new Resolution(5504, 3072))).isEqualTo(new ImageFrame("16:9", "4K"));
    }
}
