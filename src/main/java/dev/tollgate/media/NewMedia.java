package dev.tollgate.media;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.UserId;
import dev.tollgate.money.Credits;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What is known about an object when it is stored: whose it is, what made it and what it cost.
 *
 * @param editedFrom the stored image this one is an edit of, if any
 */
public record NewMedia(
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
        Credits cost,
        @Nullable MediaId editedFrom) {

    public NewMedia {
        Objects.requireNonNull(team);
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(model);
        Objects.requireNonNull(prompt);
        Objects.requireNonNull(mediaType);
        Objects.requireNonNull(extension);
        Objects.requireNonNull(cost);
    }
}
