package dev.tollgate.calls;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.UserId;
import dev.tollgate.apikey.AuthenticatedKey;
import dev.tollgate.caller.AgentSession;
import dev.tollgate.caller.Caller;
import dev.tollgate.caller.Dialect;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.ChatRequest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One chat request entering the pipeline: who makes it ({@code caller}; for an API call also the {@code key} with what
 * it may do) and what it asks.
 *
 * @param outputCapChosen false when the caller left {@code max_tokens} to us, so the pipeline may lower it to what
 *     the balance covers
 */
public record ChatCall(Caller caller, @Nullable AuthenticatedKey key, ChatRequest request, boolean outputCapChosen) {

    public ChatCall {
        Objects.requireNonNull(request);
        KeyOfCaller.require(caller, key);
    }

    /** A call on the public API with {@code key}, part of the agent {@code session} the caller named, if any. */
    public static ChatCall api(
            String requestId,
            AuthenticatedKey key,
            Dialect dialect,
            @Nullable AgentSession session,
            ChatRequest request,
            boolean outputCapChosen) {
        Caller caller = Caller.api(requestId, key.teamId(), key.id(), dialect).inSession(session);
        return new ChatCall(caller, key, request, outputCapChosen);
    }

    /** A call a signed-in person makes in the playground, with the output cap they chose. */
    public static ChatCall portal(String requestId, TeamId team, @Nullable UserId user, ChatRequest request) {
        return new ChatCall(Caller.portal(requestId, team, user), null, request, true);
    }

    /** This call with its request naming {@code model}, the catalog model that serves what the caller asked for. */
    ChatCall servedBy(ModelId model) {
        return model.equals(request.model())
                ? this
                : new ChatCall(caller, key, request.withModel(model), outputCapChosen);
    }

    public String requestId() {
        return caller.requestId();
    }

    public TeamId team() {
        return caller.team();
    }
}
