package dev.tollgate.gateway;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.UserId;
import dev.tollgate.apikey.AuthenticatedKey;
import dev.tollgate.provider.InputImage;
import dev.tollgate.usage.UsageSource;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request for a video job, from the API or the portal.
 *
 * @param seconds the length asked for, if any ({@code "4"}, {@code "8"} or {@code "12"})
 * @param size the size asked for, if any ({@code 720x1280} …)
 */
public record VideoCall(
        String requestId,
        TeamId team,
        @Nullable AuthenticatedKey key,
        @Nullable UserId user,
        UsageSource source,
        @Nullable String dialect,
        String model,
        String prompt,
        @Nullable String seconds,
        @Nullable String size,
        @Nullable InputImage reference) {

    public VideoCall {
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(team);
        Objects.requireNonNull(source);
        Objects.requireNonNull(model);
        Objects.requireNonNull(prompt);
        if (key != null && !key.teamId().equals(team)) {
            throw new IllegalArgumentException("A key only spends its own team's credit");
        }
    }

    /** A job queued in the portal by a signed-in person: no key, tagged as playground usage. */
    public static VideoCall fromPortal(
            String requestId,
            TeamId team,
            @Nullable UserId user,
            String model,
            String prompt,
            int seconds,
            String size) {
        return new VideoCall(
                requestId,
                team,
                null,
                user,
                UsageSource.PLAYGROUND,
                null,
                model,
                prompt,
                String.valueOf(seconds),
                size,
                null);
    }
}
