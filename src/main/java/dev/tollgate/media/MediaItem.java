package dev.tollgate.media;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.UserId;
import dev.tollgate.money.Credits;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A stored image or video as the gallery and the API see it. */
public record MediaItem(
        MediaId id,
        TeamId team,
        @Nullable UUID apiKeyId,
        @Nullable UserId user,
        String requestId,
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
