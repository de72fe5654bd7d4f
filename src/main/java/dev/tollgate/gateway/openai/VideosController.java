package dev.tollgate.gateway.openai;

import dev.tollgate.apikey.AuthenticatedKey;
import dev.tollgate.calls.VideoCall;
import dev.tollgate.calls.VideoPipeline;
import dev.tollgate.gateway.wire.RequestFields;
import dev.tollgate.media.MediaItem;
import dev.tollgate.media.MediaService;
import dev.tollgate.provider.InputImage;
import dev.tollgate.video.VideoJob;
import dev.tollgate.video.VideoJobId;
import dev.tollgate.video.VideoJobNotFinishedException;
import dev.tollgate.video.VideoJobs;
import dev.tollgate.video.VideoStatus;
import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiException;
import dev.tollgate.web.PublicUrls;
import dev.tollgate.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import tools.jackson.databind.JsonNode;

/**
 * The asynchronous video API: {@code POST /v1/videos} (JSON or multipart, as the SDKs send it) answers at once with a
 * queued job, {@code GET /v1/videos/{id}} polls it, {@code GET /v1/videos/{id}/content} downloads the MP4,
 * {@code GET /v1/videos} lists the team's jobs and {@code DELETE /v1/videos/{id}} removes a finished job's video.
 */
@RestController
class VideosController {

    /** How long the Python SDK's poll helper should wait between polls. */
    private static final String POLL_AFTER_MS = "2000";

    private final VideoPipeline pipeline;
    private final VideoJobs jobs;
    private final MediaService media;
    private final ImageReferences references;
    private final PublicUrls urls;

    VideosController(
            VideoPipeline pipeline, VideoJobs jobs, MediaService media, ImageReferences references, PublicUrls urls) {
        this.pipeline = pipeline;
        this.jobs = jobs;
        this.media = media;
        this.references = references;
        this.urls = urls;
    }

    @PostMapping(
            value = {"/v1/videos", "/api/v1/videos"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, @Nullable Object>> createFromJson(
            @AuthenticationPrincipal AuthenticatedKey key, @RequestBody JsonNode body, HttpServletRequest request) {
        RequestFields.requireObject(body);
        JsonNode reference = body.get("input_reference");
        InputImage image = null;
        if (reference != null && !reference.isNull()) {
            JsonNode url = reference.isObject() ? reference.get("image_url") : reference;
            if (url == null || !url.isString()) {
                throw RequestFields.invalid(
                        "input_reference must be {\"image_url\": \"…\"} with an http(s) or data URL.",
                        "input_reference");
            }
            image = references.fromText(url.stringValue(), "input_reference");
        }
        return create(
                key,
                request,
                RequestFields.requireString(body, "model", "model"),
                RequestFields.requireString(body, "prompt", "prompt"),
                text(body.get("seconds"), "seconds"),
                RequestFields.optionalString(body, "size", "size"),
                image);
    }

    @PostMapping(
            value = {"/v1/videos", "/api/v1/videos"},
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, @Nullable Object>> createFromForm(
            @AuthenticationPrincipal AuthenticatedKey key, MultipartHttpServletRequest request) throws IOException {
        Map<String, byte[]> parts = new HashMap<>();
        for (Part part : FormParts.of(request)) {
            try (InputStream in = part.getInputStream()) {
                parts.put(part.getName(), in.readNBytes(ImageReferences.LARGEST_IMAGE + 1));
            }
        }
        InputImage image = null;
        if (parts.containsKey("input_reference")) {
            image = references.fromBytes(parts.get("input_reference"), "input_reference");
        } else if (parts.containsKey("input_reference[image_url]")) {
            image = references.fromText(string(parts.get("input_reference[image_url]")), "input_reference");
        }
        String model = string(parts.get("model"));
        String prompt = string(parts.get("prompt"));
        if (model == null) {
            throw RequestFields.invalid("model is required.", "model");
        }
        if (prompt == null) {
            throw RequestFields.invalid("prompt is required.", "prompt");
        }
        return create(key, request, model, prompt, string(parts.get("seconds")), string(parts.get("size")), image);
    }

    @GetMapping({"/v1/videos/{id}", "/api/v1/videos/{id}"})
    ResponseEntity<Map<String, @Nullable Object>> retrieve(
            @AuthenticationPrincipal AuthenticatedKey key, @PathVariable String id, HttpServletRequest request) {
        VideoJob job = job(key, id);
        return ResponseEntity.ok()
                .header("openai-poll-after-ms", POLL_AFTER_MS)
                .body(VideoObjects.of(job, urls.base(request)));
    }

    @GetMapping({"/v1/videos", "/api/v1/videos"})
    Map<String, Object> list(
            @AuthenticationPrincipal AuthenticatedKey key,
            @RequestParam(name = "after", required = false) @Nullable String after,
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @RequestParam(name = "order", required = false) @Nullable String order,
            HttpServletRequest request) {
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > 100) {
            throw RequestFields.invalid("limit must be between 1 and 100.", "limit");
        }
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw RequestFields.invalid("order must be 'asc' or 'desc'.", "order");
        }
        VideoJobId cursor = after == null ? null : VideoJobId.tryParse(after).orElseThrow(() -> notFound(after));
        boolean newestFirst = !"asc".equals(order);
        List<VideoJob> page = jobs.page(key.teamId(), null, cursor, size, newestFirst);
        boolean more = page.size() == size
                && !jobs.page(key.teamId(), null, page.getLast().id(), 1, newestFirst)
                        .isEmpty();
        return VideoObjects.list(page, more, urls.base(request));
    }

    @GetMapping({"/v1/videos/{id}/content", "/api/v1/videos/{id}/content"})
    void content(
            @AuthenticationPrincipal AuthenticatedKey key,
            @PathVariable String id,
            @RequestParam(name = "variant", required = false) @Nullable String variant,
            HttpServletResponse response)
            throws IOException {
        VideoJob job = job(key, id);
        if (job.status() != VideoStatus.COMPLETED || job.video() == null) {
            throw new ApiException(new ApiError(
                    HttpStatus.CONFLICT,
                    "invalid_request_error",
                    "video_not_ready",
                    "The video " + id + " is " + job.status().wire() + "; its content is there once it is completed.",
                    null));
        }
        MediaItem video = media.find(key.teamId(), job.video()).orElseThrow(() -> notFound(id));
        if ("thumbnail".equals(variant)) {
            response.setStatus(HttpStatus.FOUND.value());
            response.setHeader(HttpHeaders.LOCATION, video.thumbnailPath());
            return;
        }
        if (variant != null && !variant.equals("video")) {
            throw RequestFields.invalid("variant must be 'video' or 'thumbnail'.", "variant");
        }
        response.setStatus(200);
        response.setContentType(video.mediaType());
        response.setContentLengthLong(video.bytes());
        try (InputStream in = media.open(video);
                OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    @DeleteMapping({"/v1/videos/{id}", "/api/v1/videos/{id}"})
    Map<String, Object> delete(@AuthenticationPrincipal AuthenticatedKey key, @PathVariable String id) {
        VideoJob job = job(key, id);
        try {
            jobs.delete(key.teamId(), job.id());
        } catch (VideoJobNotFinishedException e) {
            throw new ApiException(new ApiError(
                    HttpStatus.CONFLICT,
                    "invalid_request_error",
                    "video_not_finished",
                    "The video " + id + " is still " + job.status().wire() + "; it can be deleted once it is finished.",
                    null));
        }
        return Map.of("id", job.id().value(), "object", "video.deleted", "deleted", true);
    }

    private ResponseEntity<Map<String, @Nullable Object>> create(
            AuthenticatedKey key,
            HttpServletRequest request,
            String model,
            String prompt,
            @Nullable String seconds,
            @Nullable String size,
            @Nullable InputImage reference) {
        VideoJob job =
                pipeline.create(VideoCall.api(RequestIds.of(request), key, model, prompt, seconds, size, reference));
        return ResponseEntity.ok()
                .header("openai-poll-after-ms", POLL_AFTER_MS)
                .body(VideoObjects.of(job, urls.base(request)));
    }

    private VideoJob job(AuthenticatedKey key, String id) {
        return VideoJobId.tryParse(id)
                .flatMap(jobId -> jobs.find(key.teamId(), jobId))
                .orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return new ApiException(ApiError.notFound("not_found", "No video " + id + " in your team."));
    }

    private static @Nullable String text(@Nullable JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString() || value.isIntegralNumber()) {
            return value.asString();
        }
        throw RequestFields.invalid(field + " must be a string such as \"4\".", field);
    }

    private static @Nullable String string(byte @Nullable [] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
