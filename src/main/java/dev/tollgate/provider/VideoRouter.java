package dev.tollgate.provider;

import dev.tollgate.catalog.ModelKind;
import dev.tollgate.provider.channel.ChannelClients;
import dev.tollgate.provider.channel.Failover;
import dev.tollgate.provider.channel.Routed;
import dev.tollgate.provider.simulator.SimulatorVideoProvider;
import dev.tollgate.text.StorableText;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * Starts video tasks on the channels serving the model, failing over between them until one accepts; the task is then
 * followed on that channel, by its name, to the end. The simulator serves models no enabled channel serves, when on.
 */
@Service
public class VideoRouter {

    private static final int LONGEST_TASK_ID = 200;

    private final SimulatorVideoProvider simulator;
    private final Failover failover;

    VideoRouter(SimulatorVideoProvider simulator, Failover failover) {
        this.simulator = simulator;
        this.failover = failover;
    }

    /**
     * Starts the task; the value is the upstream's task id.
     *
     * @throws NoUpstreamChannelException when nothing serves the model
     * @throws UpstreamException when no channel accepted it
     */
    public Routed<String> submit(VideoRequest request) {
        if (!failover.hasChannels(request.model(), ModelKind.VIDEO)) {
            if (!simulator.enabled()) {
                throw new NoUpstreamChannelException(request.model().value());
            }
            return new Routed<>(simulator.channelName(), simulator.submit(request));
        }
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
     * The channel a task was started on, to poll and download it.
     *
     * @throws UpstreamException (not retryable) when that channel no longer exists
     */
    public VideoProvider channel(String name) {
        if (name.equals(simulator.channelName())) {
            return simulator;
        }
        return failover.channel(name)
                .map(ChannelClients::videos)
                .orElseThrow(() -> new UpstreamException(
                        "The channel that was making this video (" + name + ") was removed", false));
    }
}
