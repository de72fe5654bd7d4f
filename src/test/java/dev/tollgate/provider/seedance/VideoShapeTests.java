package dev.tollgate.provider.seedance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How pixel sizes become Seedance's ratios and resolution classes. */
class VideoShapeTests {

    @Test
    void commonSizesTakeTheirOwnRatioAndClass() {
        assertThat(VideoShape.of(1280, 720)).isEqualTo(new VideoShape("16:9", "720p"));
        assertThat(VideoShape.of(1920, 1080)).isEqualTo(new VideoShape("16:9", "1080p"));
        assertThat(VideoShape.of(854, 480)).isEqualTo(new VideoShape("16:9", "480p"));
        assertThat(VideoShape.of(720, 1280)).isEqualTo(new VideoShape("9:16", "720p"));
        assertThat(VideoShape.of(1024, 768)).isEqualTo(new VideoShape("4:3", "720p"));
        assertThat(VideoShape.of(2560, 1080)).isEqualTo(new VideoShape("21:9", "1080p"));
    }

    @Test
    void squaresAreSortedByTheirPixelsNotTheirSide() {
        assertThat(VideoShape.of(640, 640)).isEqualTo(new VideoShape("1:1", "480p"));
        assertThat(VideoShape.of(960, 960)).isEqualTo(new VideoShape("1:1", "720p"));
        assertThat(VideoShape.of(1440, 1440)).isEqualTo(new VideoShape("1:1", "1080p"));
    }
}
