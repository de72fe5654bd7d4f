package dev.tollgate.media;

import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiErrorWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves stored media by id, with byte ranges (video players seek with them) and conditional requests (see
 * {@link MediaDelivery}). Unknown and deleted ids are a JSON 404, like every other error under {@code /media/}.
 */
@RestController
class MediaController {

    private final MediaService media;
    private final MediaDelivery delivery;
    private final ApiErrorWriter errors;

    MediaController(MediaService media, MediaDelivery delivery, ApiErrorWriter errors) {
        this.media = media;
        this.delivery = delivery;
        this.errors = errors;
    }

    @GetMapping("/media/{id}.{extension}")
    void content(
            @PathVariable String id,
            @PathVariable String extension,
            @RequestParam(name = "download", required = false) @Nullable String download,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        Optional<MediaService.Served> served = MediaId.tryParse(id).flatMap(media::content);
        if (served.isEmpty() || !served.get().item().extension().equals(extension)) {
            notFound(request, response);
            return;
        }
        MediaItem item = served.get().item();
        if (download != null) {
            response.setHeader(
                    HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment()
                            .filename("tollgate-" + item.fileName())
                            .build()
                            .toString());
        }
        delivery.send(
                request,
                response,
                served.get().bytes(),
                MediaType.parseMediaType(item.mediaType()),
                '"' + item.checksum() + '"',
                item.createdAt());
    }

    @GetMapping("/media/thumbnails/{id}.jpg")
    void thumbnail(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Optional<MediaService.Served> served = MediaId.tryParse(id).flatMap(media::thumbnail);
        if (served.isEmpty()) {
            notFound(request, response);
            return;
        }
        MediaItem item = served.get().item();
        delivery.send(
                request,
                response,
                served.get().bytes(),
                MediaType.IMAGE_JPEG,
                "\"" + item.checksum() + "-thumbnail\"",
                item.createdAt());
    }

    private void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        errors.write(request, response, ApiError.notFound("not_found", "No media at this URL."));
    }
}
