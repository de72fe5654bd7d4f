package dev.tollgate.gateway;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.UserId;
import dev.tollgate.apikey.AuthenticatedKey;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.usage.UsageSource;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One chat request entering the pipeline: whose it is (an API key, or a signed-in user in the playground), how it
 * arrived and what it asks.
 *
 * @param outputCapChosen false when the caller left {@code max_tokens} to us, so the pipeline may lower it to what
 *     the balance covers
 */
public record ChatCall(
        String requestId,
        TeamId team,
        @Nullable AuthenticatedKey key,
        @Nullable UserId user,
        UsageSource source,
        String dialect,
        ChatRequest request,
        boolean outputCapChosen) {

    public ChatCall {
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(team);
        Objects.requireNonNull(source);
        Objects.requireNonNull(dialect);
        Objects.requireNonNull(request);
        if (key != null && !key.teamId().equals(team)) {
            throw new IllegalArgumentException("A key only spends its own team's credit");
        }
    }
}
