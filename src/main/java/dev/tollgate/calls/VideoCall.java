package dev.tollgate.calls;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.UserId;
import dev.tollgate.apikey.AuthenticatedKey;
import dev.tollgate.caller.Caller;
import dev.tollgate.caller.Dialect;
import dev.tollgate.provider.InputImage;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request for a video job, from the API or the portal.
 *
 * @param seconds the length asked for, if any ({@code "4"}, {@code "8"} or {@code "12"})
 * @param size the size asked for, if any ({@code 720x1280} …)
 */
public record VideoCall(
        Caller caller,
        @Nullable AuthenticatedKey key,
        String model,
        String prompt,
        @Nullable String seconds,
        @Nullable String size,
        @Nullable InputImage reference) {

    public VideoCall {
        Objects.requireNonNull(model);
        Objects.requireNonNull(prompt);
        KeyOfCaller.require(caller, key);
    }

    /** A job asked for on the public API with {@code key}. */
    public static VideoCall api(
            String requestId,
            AuthenticatedKey key,
            String model,
            String prompt,
            @Nullable String seconds,
            @Nullable String size,
            @Nullable InputImage reference) {
        return new VideoCall(
                Caller.api(requestId, key.teamId(), key.id(), Dialect.OPENAI),
                key,
                model,
                prompt,
                seconds,
                size,
                reference);
    }

    /** A job queued in the portal by a signed-in person. */
    public static VideoCall fromPortal(
            String requestId,
            TeamId team,
            @Nullable UserId user,
            String model,
            String prompt,
            int seconds,
            String size) {
        return new VideoCall(
                Caller.portal(requestId, team, user), null, model, prompt, String.valueOf(seconds), size, null);
    }

    public String requestId() {
        return caller.requestId();
    }

    public TeamId team() {
        return caller.team();
    }
}
