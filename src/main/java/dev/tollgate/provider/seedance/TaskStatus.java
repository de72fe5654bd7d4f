package dev.tollgate.provider.seedance;

import dev.tollgate.provider.VideoTaskStatus;
import dev.tollgate.provider.VideoTaskStatus.State;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Reads a task answer's {@code status} into where the task stands. ModelArk reports no progress, so a running task's
 * is estimated from the time since it was created: it rises towards {@value #RUNNING_CEILING}% with a time constant of
 * {@link #PACE} (about 55% after one minute, 85% after three) and never reaches the end before the task does. A status
 * this code does not know is taken as still running; the job's own deadline ends a task that never finishes.
 */
final class TaskStatus {

    static final int RUNNING_CEILING = 90;
    static final Duration PACE = Duration.ofMinutes(1);

    private TaskStatus() {}

    static VideoTaskStatus of(JsonNode task, Instant now) {
        String status = task.path("status").asString("");
        return switch (status) {
            case "succeeded" -> new VideoTaskStatus(State.SUCCEEDED, 100, null);
            case "failed" -> new VideoTaskStatus(State.FAILED, 0, failure(task.path("error")));
            case "cancelled" -> new VideoTaskStatus(State.FAILED, 0, "The upstream cancelled the task");
            case "expired" -> new VideoTaskStatus(State.FAILED, 0, "The task timed out upstream before it finished");
            case "queued" -> new VideoTaskStatus(State.RUNNING, 0, null);
            default ->
                new VideoTaskStatus(
                        State.RUNNING, estimate(task.path("created_at").asLong(0), now), null);
        };
    }

    static int estimate(long createdAtSeconds, Instant now) {
        if (createdAtSeconds <= 0) {
            return 0;
        }
        double elapsed = Math.max(0, now.getEpochSecond() - createdAtSeconds);
        return (int) (RUNNING_CEILING * (1 - Math.exp(-elapsed / PACE.toSeconds())));
    }

    private static String failure(JsonNode error) {
        String message = error.path("message").asString("");
        String code = error.path("code").asString("");
        if (message.isBlank()) {
            return code.isBlank() ? "The upstream task failed" : "The upstream task failed (" + code + ")";
        }
        return code.isBlank() ? message : message + " (" + code + ")";
    }
}
