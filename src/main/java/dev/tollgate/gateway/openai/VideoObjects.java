package dev.tollgate.gateway.openai;

import dev.tollgate.video.VideoJob;
import dev.tollgate.video.VideoStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Video jobs in the OpenAI video API's shape, plus the seed API's {@code video_url} once completed. */
final class VideoObjects {

    private VideoObjects() {}

    static Map<String, @Nullable Object> of(VideoJob job, String baseUrl) {
        Map<String, @Nullable Object> video = new LinkedHashMap<>();
        video.put("id", job.id().value());
        video.put("object", "video");
        video.put("model", job.model().value());
        video.put("status", job.status().wire());
        video.put("progress", job.status() == VideoStatus.COMPLETED ? 100 : job.progress());
        video.put("created_at", job.createdAt().getEpochSecond());
        video.put("completed_at", seconds(job.completedAt()));
        video.put("expires_at", null);
        video.put("prompt", job.prompt());
        video.put("seconds", String.valueOf(job.seconds()));
        video.put("size", job.size());
        video.put("remixed_from_video_id", null);
        video.put("error", job.status() == VideoStatus.FAILED ? error(job) : null);
        video.put(
                "video_url",
                job.status() == VideoStatus.COMPLETED && job.video() != null
                        ? baseUrl + "/media/" + job.video() + ".mp4"
                        : null);
        return video;
    }

    static Map<String, Object> list(List<VideoJob> jobs, boolean hasMore, String baseUrl) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("object", "list");
        list.put("data", jobs.stream().map(job -> of(job, baseUrl)).toList());
        list.put("first_id", jobs.isEmpty() ? null : jobs.getFirst().id().value());
        list.put("last_id", jobs.isEmpty() ? null : jobs.getLast().id().value());
        list.put("has_more", hasMore);
        return list;
    }

    private static Map<String, String> error(VideoJob job) {
        String message = job.error() == null ? "The video could not be made" : job.error();
        return Map.of(
                "code",
                "video_generation_failed",
                "message",
                message + (job.refunded() ? " (the charge was refunded)" : ""));
    }

    private static @Nullable Long seconds(@Nullable Instant instant) {
        return instant == null ? null : instant.getEpochSecond();
    }
}
