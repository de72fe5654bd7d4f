package dev.tollgate.gateway;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.UserId;
import dev.tollgate.apikey.AuthenticatedKey;
import dev.tollgate.media.MediaId;
import dev.tollgate.provider.InputImage;
import dev.tollgate.usage.UsageSource;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One image request entering the pipeline: a generation, or an edit when {@code inputs} is not empty.
 *
 * @param size the size the caller asked for, if any; it must be the model's own or {@code auto}
 * @param editedFrom the stored image an edit started from, when it came from the gallery
 */
public record ImageCall(
        String requestId,
        TeamId team,
        @Nullable AuthenticatedKey key,
        @Nullable UserId user,
        UsageSource source,
        @Nullable String dialect,
        String model,
        String prompt,
        int count,
        @Nullable String size,
        List<InputImage> inputs,
        @Nullable InputImage mask,
        @Nullable MediaId editedFrom) {

    public ImageCall {
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(team);
        Objects.requireNonNull(source);
        Objects.requireNonNull(model);
        Objects.requireNonNull(prompt);
        inputs = List.copyOf(inputs);
        if (key != null && !key.teamId().equals(team)) {
            throw new IllegalArgumentException("A key only spends its own team's credit");
        }
    }

    /**
     * A request made in the portal by a signed-in person: no key, tagged as playground usage, at the model's own size.
     */
    public static ImageCall fromPortal(
            String requestId,
            TeamId team,
            @Nullable UserId user,
            String model,
            String prompt,
            int count,
            List<InputImage> inputs,
            @Nullable MediaId editedFrom) {
        return new ImageCall(
                requestId,
                team,
                null,
                user,
                UsageSource.PLAYGROUND,
                null,
                model,
                prompt,
                count,
                null,
                inputs,
                null,
                editedFrom);
    }

    public boolean isEdit() {
        return !inputs.isEmpty();
    }
}
