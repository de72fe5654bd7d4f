package dev.tollgate.media;

import java.time.Duration;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves stored media by id. Content never changes under an id, so responses may be cached for a year; byte ranges are
 * answered (video players seek with them). Unknown and deleted ids are 404.
 */
@RestController
class MediaController {

    private static final CacheControl FOREVER =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final MediaService media;

    MediaController(MediaService media) {
        this.media = media;
    }

    @GetMapping("/media/{id}.{extension}")
    ResponseEntity<Resource> content(
            @PathVariable String id,
            @PathVariable String extension,
            @RequestParam(name = "download", required = false) String download) {
        Optional<MediaService.Served> served = MediaId.tryParse(id).flatMap(media::content);
        if (served.isEmpty() || !served.get().item().extension().equals(extension)) {
            return ResponseEntity.notFound().build();
        }
        MediaItem item = served.get().item();
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(item.mediaType()))
                .cacheControl(FOREVER)
                .eTag('"' + item.checksum() + '"')
                .header("X-Content-Type-Options", "nosniff");
        if (download != null) {
            response.header(
                    HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment()
                            .filename("tollgate-" + item.fileName())
                            .build()
                            .toString());
        }
        return response.body(served.get().bytes());
    }

    @GetMapping("/media/thumbnails/{id}.jpg")
    ResponseEntity<Resource> thumbnail(@PathVariable String id) {
        return MediaId.tryParse(id)
                .flatMap(media::thumbnail)
                .map(served -> ResponseEntity.ok()
                        .contentType(MediaType.IMAGE_JPEG)
                        .cacheControl(FOREVER)
                        .header("X-Content-Type-Options", "nosniff")
                        .body(served.bytes()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
