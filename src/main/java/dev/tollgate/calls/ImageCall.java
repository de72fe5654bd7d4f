package dev.tollgate.calls;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.UserId;
import dev.tollgate.apikey.AuthenticatedKey;
import dev.tollgate.caller.Caller;
import dev.tollgate.caller.Dialect;
import dev.tollgate.media.MediaId;
import dev.tollgate.provider.InputImage;
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
        Caller caller,
        @Nullable AuthenticatedKey key,
        String model,
        String prompt,
        int count,
        @Nullable String size,
        List<InputImage> inputs,
        @Nullable InputImage mask,
        @Nullable MediaId editedFrom) {

    public ImageCall {
        Objects.requireNonNull(model);
        Objects.requireNonNull(prompt);
        inputs = List.copyOf(inputs);
        KeyOfCaller.require(caller, key);
    }

    /** A request on the public API with {@code key}. */
    public static ImageCall api(
            String requestId,
            AuthenticatedKey key,
            String model,
            String prompt,
            int count,
            @Nullable String size,
            List<InputImage> inputs,
            @Nullable InputImage mask) {
        return new ImageCall(
                Caller.api(requestId, key.teamId(), key.id(), Dialect.OPENAI),
                key,
                model,
                prompt,
                count,
                size,
                inputs,
                mask,
                null);
    }

    /** A request made in the portal by a signed-in person, at the model's own size. */
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
                Caller.portal(requestId, team, user), null, model, prompt, count, null, inputs, null, editedFrom);
    }

    public String requestId() {
        return caller.requestId();
    }

    public TeamId team() {
        return caller.team();
    }

    public boolean isEdit() {
        return !inputs.isEmpty();
    }
}
