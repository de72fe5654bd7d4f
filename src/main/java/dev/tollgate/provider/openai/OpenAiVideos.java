package dev.tollgate.provider.openai;

import dev.tollgate.provider.InputImage;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.VideoRequest;
import dev.tollgate.provider.VideoResult;
import dev.tollgate.provider.VideoTaskStatus;
import dev.tollgate.provider.http.UpstreamHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI's Videos API: {@code POST /videos} (multipart) starts a task, {@code GET /videos/{id}} tells where it stands,
 * {@code GET /videos/{id}/content} streams the MP4 and {@code ?variant=thumbnail} a still for the poster.
 */
final class OpenAiVideos {

    private final UpstreamHttp http;
    private final ChannelRequests requests;
    private final JsonMapper json;
    private final PosterFrames posters;

    OpenAiVideos(UpstreamHttp http, ChannelRequests requests, JsonMapper json) {
        this.http = http;
        this.requests = requests;
        this.json = json;
        this.posters = new PosterFrames(http, requests);
    }

    String submit(VideoRequest request, String upstreamModel) {
        MultipartBody body = new MultipartBody()
                .field("model", upstreamModel)
                .field("prompt", request.prompt())
                .field("seconds", Integer.toString(request.seconds()))
                .field("size", request.width() + "x" + request.height());
        InputImage reference = request.reference();
        if (reference != null) {
            body.file(
                    "input_reference",
                    "reference." + reference.format().extension(),
                    reference.format().mediaType(),
                    reference.bytes());
        }
        JsonNode video = http.sendForJson(requests.postMultipart("/videos", body), json);
        String id = video.path("id").asString("");
        if (id.isBlank()) {
            throw new UpstreamException("The upstream accepted the video without giving its id", true);
        }
        return id;
    }

    VideoTaskStatus poll(String taskId) {
        JsonNode video = http.sendForJson(requests.to(pathOf(taskId)).GET().build(), json);
        String status = video.path("status").asString("").toLowerCase(Locale.ROOT);
        int progress = video.path("progress").asInt(0);
        return switch (status) {
            case "queued", "in_progress", "pending", "processing" ->
                new VideoTaskStatus(VideoTaskStatus.State.RUNNING, progress, null);
            case "completed", "succeeded" -> new VideoTaskStatus(VideoTaskStatus.State.SUCCEEDED, 100, null);
            default -> new VideoTaskStatus(VideoTaskStatus.State.FAILED, progress, failureOf(video, status));
        };
    }

    /** Streams the finished video into {@code target}; its size is the one asked for, as the API makes it. */
    VideoResult download(String taskId, VideoRequest request, OutputStream target) {
        HttpResponse<InputStream> response = http.send(requests.to(pathOf(taskId) + "/content")
                .header("Accept", "application/binary")
                .GET()
                .build());
        try (InputStream body = response.body()) {
            copy(body, target);
        } catch (IOException e) {
            throw new UpstreamException("The video download broke off: " + e.getMessage(), true, e);
        }
        return new VideoResult(request.width(), request.height(), posters.of(pathOf(taskId) + "/content"));
    }

    /** Copies chunk by chunk; a failing target is the gateway's problem, not the upstream's. */
    private static void copy(InputStream body, OutputStream target) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = body.read(buffer)) != -1) {
            try {
                target.write(buffer, 0, read);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot store the video", e);
            }
        }
    }

    private static String failureOf(JsonNode video, String status) {
        String message = video.path("error").path("message").asString("");
        if (!message.isBlank()) {
            return message;
        }
        return status.isEmpty()
                ? "The upstream reported no status for the video"
                : "The upstream reported the video as " + status;
    }

    /** The task's path; the id is the upstream's, so it is encoded rather than trusted to be path-safe. */
    private static String pathOf(String taskId) {
        if (taskId.isBlank()) {
            throw new UpstreamException("A video task has an id", false);
        }
        return "/videos/" + URLEncoder.encode(taskId, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
