package dev.tollgate.calls;

import dev.tollgate.apikey.AuthenticatedKey;
import dev.tollgate.caller.Caller;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A call carries the authenticated key the caller names, and only that one: it spends only its own team's credit. */
final class KeyOfCaller {

    private KeyOfCaller() {}

    static void require(Caller caller, @Nullable AuthenticatedKey key) {
        Objects.requireNonNull(caller);
        boolean matches = key == null
                ? caller.key() == null
                : key.id().equals(caller.key()) && key.teamId().equals(caller.team());
        if (!matches) {
            throw new IllegalArgumentException(
                    "A call carries its caller's own key, which spends its own team's credit");
        }
    }
}
