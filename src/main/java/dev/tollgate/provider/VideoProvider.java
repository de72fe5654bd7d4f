package dev.tollgate.provider;

import java.io.OutputStream;

/**
 * An upstream that makes videos as tasks: submit once, then poll until the task ends, then download. The task id is
 * kept with the job in the database, so any instance can go on following a task another instance submitted.
 */
public interface VideoProvider {

    /** The channel name usage rows record. */
    String channelName();

    /**
     * Starts a task.
     *
     * @return the upstream's task id
     * @throws UpstreamException when the upstream refuses or cannot be reached
     */
    String submit(VideoRequest request);

    /** Where the task stands. */
    VideoTaskStatus poll(String taskId, VideoRequest request);

    /** Writes the finished task's MP4 to {@code target}. */
    VideoResult download(String taskId, VideoRequest request, OutputStream target);
}
