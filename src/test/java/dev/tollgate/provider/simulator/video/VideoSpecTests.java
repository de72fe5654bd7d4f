package dev.tollgate.provider.simulator.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class VideoSpecTests {

    @Test
    void acceptsTheSizesOfTheVideoApi() {
        for (String size : new String[] {"720x1280", "1280x720", "1024x1792", "1792x1024"}) {
            String[] sides = size.split("x");
            VideoSpec spec = new VideoSpec("a lighthouse", Integer.parseInt(sides[0]), Integer.parseInt(sides[1]), 12);

            assertThat(spec.frameCount()).as(size).isEqualTo(12 * VideoSpec.DEFAULT_FPS);
        }
    }

    @Test
    void refusesOddSides() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new VideoSpec("a lighthouse", 641, 360, 4))
                .withMessageContaining("even");
    }

    @Test
    void refusesFramesBeyondTheStreamLevel() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new VideoSpec("a lighthouse", 2048, 2048, 4))
                .withMessageContaining("1920x1080");
    }

    @Test
    void fittingKeepsTheApiSizesAndScalesLargerFramesDownToTheLevelKeepingTheirAspect() {
        assertThat(VideoSpec.fitting("a lighthouse", 1024, 1792, 4))
                .isEqualTo(new VideoSpec("a lighthouse", 1024, 1792, 4));

        VideoSpec fitted = VideoSpec.fitting("a lighthouse", 3840, 2160, 4);

        assertThat(VideoSpec.macroblocks(fitted.width()) * VideoSpec.macroblocks(fitted.height()))
                .isLessThanOrEqualTo(8192);
        assertThat(fitted.width()).isGreaterThan(1800);
        assertThat((double) fitted.width() / fitted.height()).isCloseTo(16.0 / 9, offset(0.01));
        assertThat(VideoSpec.fitting("a lighthouse", 641, 361, 4))
                .as("odd sides are made even")
                .isEqualTo(new VideoSpec("a lighthouse", 640, 360, 4));
    }

    @Test
    void refusesABlankPromptAndLengthsOutOfRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> new VideoSpec(" ", 640, 360, 4));
        assertThatIllegalArgumentException().isThrownBy(() -> new VideoSpec("a lighthouse", 640, 360, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new VideoSpec("a lighthouse", 640, 360, 4, 31));
    }
}
