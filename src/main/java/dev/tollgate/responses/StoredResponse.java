package dev.tollgate.responses;

import dev.tollgate.account.TeamId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A finished response as kept for its team.
 *
 * @param previousResponseId the stored response this one continued, if any
 * @param model the model as the caller named it
 * @param inputItems this request's own input items, as sent (a conversation it continued is not repeated here)
 * @param response the Response object exactly as returned to the caller, its {@code output} items included
 */
public record StoredResponse(
        String id,
        TeamId team,
        @Nullable String previousResponseId,
        String model,
        List<ObjectNode> inputItems,
        ObjectNode response,
        Instant createdAt) {

    public StoredResponse {
        Objects.requireNonNull(id);
        Objects.requireNonNull(team);
        Objects.requireNonNull(model);
        inputItems = List.copyOf(inputItems);
        Objects.requireNonNull(response);
        Objects.requireNonNull(createdAt);
    }
}
