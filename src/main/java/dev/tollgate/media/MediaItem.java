package dev.tollgate.media;

import dev.tollgate.account.TeamId;
import dev.tollgate.caller.Caller;
import dev.tollgate.money.Credits;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A stored image or video as the gallery and the API see it, with the caller who made it. */
public record MediaItem(
        MediaId id,
        Caller caller,
        MediaKind kind,
        String model,
        String prompt,
        int width,
        int height,
        String mediaType,
        String extension,
        long bytes,
        String checksum,
        Credits cost,
        @Nullable MediaId editedFrom,
        boolean hasThumbnail,
        Instant createdAt) {

    public TeamId team() {
        return caller.team();
    }

    /** Where the bytes are served, relative to the deployment's base URL. */
    public String path() {
        return "/media/" + fileName();
    }

    /** Where the thumbnail is served; the full object when there is no thumbnail. */
    public String thumbnailPath() {
        return hasThumbnail ? "/media/thumbnails/" + id + ".jpg" : path();
    }

    public String fileName() {
        return id + "." + extension;
    }

    /** {@code 1024×1024}. */
    public String resolutionLabel() {
        return width + "×" + height;
    }
}
