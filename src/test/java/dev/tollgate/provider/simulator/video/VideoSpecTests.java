package dev.tollgate.provider.simulator.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
    void refusesABlankPromptAndLengthsOutOfRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> new VideoSpec(" ", 640, 360, 4));
        assertThatIllegalArgumentException().isThrownBy(() -> new VideoSpec("a lighthouse", 640, 360, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new VideoSpec("a lighthouse", 640, 360, 4, 31));
    }
}
