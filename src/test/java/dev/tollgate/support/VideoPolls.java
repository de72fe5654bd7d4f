package dev.tollgate.support;

import com.openai.client.OpenAIClient;
import com.openai.models.videos.Video;
import java.time.Duration;
import java.time.Instant;

/** Polls a video job through the OpenAI SDK, as a client waiting for it would. */
public final class VideoPolls {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private VideoPolls() {}

    /** The job once it has completed or failed, or as it stands when patience runs out. */
    public static Video untilFinished(OpenAIClient client, String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        Video video = client.videos().retrieve(id);
        while (!video.status().asString().equals("completed")
                && !video.status().asString().equals("failed")
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            video = client.videos().retrieve(id);
        }
        return video;
    }
}
