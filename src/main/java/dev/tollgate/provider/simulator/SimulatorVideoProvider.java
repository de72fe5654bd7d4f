package dev.tollgate.provider.simulator;

import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.VideoProvider;
import dev.tollgate.provider.VideoRequest;
import dev.tollgate.provider.VideoResult;
import dev.tollgate.provider.VideoTaskStatus;
import dev.tollgate.provider.simulator.video.ProgressListener;
import dev.tollgate.provider.simulator.video.SimulatedVideoRenderer;
import dev.tollgate.provider.simulator.video.VideoSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * A video upstream that needs no provider. A task is "running" for the configured video delay and then done; its id
 * says when it started, so any instance can tell how far it is, after a restart too. The clip is rendered when it is
 * downloaded, at the requested size and length (a frame larger than the encoder admits is scaled down to fit).
 */
@Component
public final class SimulatorVideoProvider implements VideoProvider {

    private static final String TASK_PREFIX = "sim-";

    private final SimulatorProperties properties;
    private final Clock clock;
    private final SimulatedVideoRenderer renderer = new SimulatedVideoRenderer();

    public SimulatorVideoProvider(SimulatorProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String channelName() {
        return "simulator";
    }

    @Override
    public String submit(VideoRequest request) {
        spec(request);
        return TASK_PREFIX + clock.millis();
    }

    @Override
    public VideoTaskStatus poll(String taskId, VideoRequest request) {
        Duration elapsed = Duration.ofMillis(clock.millis() - startedAt(taskId));
        Duration delay = properties.videoDelay();
        if (elapsed.compareTo(delay) >= 0) {
            return new VideoTaskStatus(VideoTaskStatus.State.SUCCEEDED, 100, null);
        }
        int progress = (int) Math.min(99, Math.max(0, elapsed.toMillis()) * 100 / delay.toMillis());
        return new VideoTaskStatus(VideoTaskStatus.State.RUNNING, progress, null);
    }

    @Override
    public VideoResult download(String taskId, VideoRequest request, OutputStream target) {
        startedAt(taskId);
        VideoSpec spec = spec(request);
        Path clip = temporaryFile();
        try {
            renderer.render(spec, clip, ProgressListener.NONE);
            Files.copy(clip, target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("The simulator was interrupted while rendering", false, e);
        } catch (IOException e) {
            throw new UpstreamException("The simulator could not write the video", false, e);
        } finally {
            deleteQuietly(clip);
        }
        return new VideoResult(spec.width(), spec.height(), renderer.posterJpeg(spec));
    }

    private static VideoSpec spec(VideoRequest request) {
        try {
            return VideoSpec.fitting(request.prompt(), request.width(), request.height(), request.seconds());
        } catch (IllegalArgumentException e) {
            throw new UpstreamException("The simulator cannot make this video: " + e.getMessage(), false, e);
        }
    }

    private static long startedAt(String taskId) {
        if (taskId.startsWith(TASK_PREFIX)) {
            try {
                return Long.parseLong(taskId.substring(TASK_PREFIX.length()));
            } catch (NumberFormatException e) {
                // answered below as an unknown task
            }
        }
        throw new UpstreamException("The simulator has no task " + taskId, false);
    }

    private static Path temporaryFile() {
        try {
            return Files.createTempFile("tollgate-video-", ".mp4");
        } catch (IOException e) {
            throw new UpstreamException("The simulator has nowhere to render", false, e);
        }
    }

    private static void deleteQuietly(Path clip) {
        try {
            Files.deleteIfExists(clip);
        } catch (IOException e) {
            // a temporary file left behind is the operating system's to clean up
        }
    }
}
