package dev.tollgate.apikey;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamPrincipal;
import dev.tollgate.catalog.ModelId;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A key that passed authentication, with what the pipeline needs to authorize a request made with it.
 *
 * @param revision how many times the key's settings had been changed when this was read: a higher one on a later
 *     request means the key (its budget among its settings) changed in between
 */
public record AuthenticatedKey(
        ApiKeyId id,
        TeamId teamId,
        String name,
        Set<ModelId> allowedModels,
        @Nullable Integer requestsPerMinute,
        long revision)
        implements TeamPrincipal {

    public boolean allows(ModelId model) {
        return allowedModels.isEmpty() || allowedModels.contains(model);
    }
}
