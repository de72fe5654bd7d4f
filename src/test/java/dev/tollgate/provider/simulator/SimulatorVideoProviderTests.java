package dev.tollgate.provider.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.VideoRequest;
import dev.tollgate.provider.VideoResult;
import dev.tollgate.provider.VideoTaskStatus;
import dev.tollgate.support.MutableClock;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The simulator's video tasks: progress from the task id and the clock alone, then a real MP4 on download. */
class SimulatorVideoProviderTests {

    private static final VideoRequest FOX =
            new VideoRequest(new ModelId("enterprise/seedance-1-5-pro"), "A fox in the snow", 1, 160, 96, null);

    private final MutableClock clock = new MutableClock();

    @Test
    void aTaskRunsForTheVideoDelayWhicheverInstanceAsks() {
        SimulatorVideoProvider provider = provider(Duration.ofSeconds(20));
        String task = provider.submit(FOX);

        assertThat(provider.poll(task, FOX)).isEqualTo(running(0));
        clock.advance(Duration.ofSeconds(5));
        assertThat(provider(Duration.ofSeconds(20)).poll(task, FOX))
                .as("a restarted instance knows how far the task is from its id")
                .isEqualTo(running(25));
        clock.advance(Duration.ofMillis(14_999));
        assertThat(provider.poll(task, FOX)).isEqualTo(running(99));
        clock.advance(Duration.ofMillis(1));
        assertThat(provider.poll(task, FOX).state()).isEqualTo(VideoTaskStatus.State.SUCCEEDED);
    }

    @Test
    void downloadWritesAnMp4OfTheRequestedSizeWithAPoster() throws Exception {
        SimulatorVideoProvider provider = provider(Duration.ZERO);
        String task = provider.submit(FOX);
        ByteArrayOutputStream mp4 = new ByteArrayOutputStream();

        VideoResult result = provider.download(task, FOX, mp4);

        assertThat(new String(mp4.toByteArray(), 4, 4, StandardCharsets.US_ASCII))
                .isEqualTo("ftyp");
        assertThat(result.width()).isEqualTo(160);
        assertThat(result.height()).isEqualTo(96);
        BufferedImage poster = ImageIO.read(new ByteArrayInputStream(result.posterJpeg()));
        assertThat(poster.getWidth()).isEqualTo(160);
        assertThat(poster.getHeight()).isEqualTo(96);
    }

    @Test
    void unknownTasksAndUnmakeableVideosAreRefusedForGood() {
        SimulatorVideoProvider provider = provider(Duration.ZERO);
        VideoRequest tiny = new VideoRequest(FOX.model(), FOX.prompt(), 1, 8, 8, null);

        assertThatThrownBy(() -> provider.poll("task-from-elsewhere", FOX))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryable()).isFalse());
        assertThatThrownBy(() -> provider.submit(tiny))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryable()).isFalse());
    }

    private SimulatorVideoProvider provider(Duration videoDelay) {
        return new SimulatorVideoProvider(
                new SimulatorProperties(true, Duration.ZERO, 0, Duration.ZERO, videoDelay), clock);
    }

    private static VideoTaskStatus running(int progress) {
        return new VideoTaskStatus(VideoTaskStatus.State.RUNNING, progress, null);
    }
}
