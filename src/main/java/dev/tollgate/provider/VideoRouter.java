package dev.tollgate.provider;

import dev.tollgate.catalog.ModelKind;
import dev.tollgate.provider.channel.ChannelClients;
import dev.tollgate.provider.channel.Failover;
import dev.tollgate.provider.channel.Routed;
import dev.tollgate.text.StorableText;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * Starts video tasks on the channels serving the model, failing over between them until one accepts; the task is then
 * followed on that channel, by its name, to the end. The simulator's channel serves the models no other enabled channel
 * serves; its tasks are recorded under the name {@code simulator}, as they always were.
 */
@Service
public class VideoRouter {

    private static final int LONGEST_TASK_ID = 200;

    private final Failover failover;

    VideoRouter(Failover failover) {
        this.failover = failover;
    }

    /**
     * Starts the task; the value is the upstream's task id.
     *
     * @throws NoUpstreamChannelException when nothing serves the model
     * @throws UpstreamException when no channel accepted it
     */
    public Routed<String> submit(VideoRequest request) {
        return failover.route(
                request.model(),
                ModelKind.VIDEO,
                channel -> keepable(Objects.requireNonNull(channel.videos()).submit(request)));
    }

    /** A task id is kept with its job to follow it later, so it must fit the job's column. */
    private static String keepable(String taskId) {
        if (taskId.isBlank() || taskId.length() > LONGEST_TASK_ID || !StorableText.isStorable(taskId)) {
            throw new UpstreamException(
                    "The upstream answered with a task id the gateway cannot keep (blank, over " + LONGEST_TASK_ID
                            + " characters or with a NUL)",
                    true);
        }
        return taskId;
    }

    /**
     * The channel a task was started on, to poll and download it, whether or not it is switched on now.
     *
     * @throws UpstreamException (not retryable) when that channel no longer exists
     */
    public VideoProvider channel(String name) {
        return failover.channel(name)
                .map(ChannelClients::videos)
                .orElseThrow(() -> new UpstreamException(
                        "The channel that was making this video (" + name + ") was removed", false));
    }
}
