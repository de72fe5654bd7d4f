package dev.tollgate.media;

import dev.tollgate.account.TeamId;
import dev.tollgate.caller.Caller;
import dev.tollgate.money.Credits;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What is known about an object when it is stored: who made it and how, what made it and what it cost.
 *
 * @param editedFrom the stored image this one is an edit of, if any
 */
public record NewMedia(
        Caller caller,
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
        Objects.requireNonNull(caller);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(model);
        Objects.requireNonNull(prompt);
        Objects.requireNonNull(mediaType);
        Objects.requireNonNull(extension);
        Objects.requireNonNull(cost);
    }

    public TeamId team() {
        return caller.team();
    }
}
