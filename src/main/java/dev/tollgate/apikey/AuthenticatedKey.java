package dev.tollgate.apikey;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamPrincipal;
import dev.tollgate.catalog.ModelId;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A key that passed authentication, with what the pipeline needs to authorize a request made with it. */
public record AuthenticatedKey(
        ApiKeyId id,
        TeamId teamId,
        String name,
        Set<ModelId> allowedModels,
        @Nullable Integer requestsPerMinute) implements TeamPrincipal {

    public boolean allows(ModelId model) {
        return allowedModels.isEmpty() || allowedModels.contains(model);
    }
}
