package dev.tollgate.billing;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.money.Credits;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A request for credit before a metered call: {@code amount} from the team and, when the key has a budget, from that
 * budget too, under the id its hold will have.
 */
record Reservation(UUID holdId, TeamId team, @Nullable ApiKeyId key, String requestId, Credits amount) {

    Reservation {
        Objects.requireNonNull(holdId);
        Objects.requireNonNull(team);
        Objects.requireNonNull(requestId);
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("A hold is a positive amount");
        }
    }

    /** The hold this reservation became, once granted. */
    Hold granted(boolean holdsKeyBudget) {
        return new Hold(holdId, team, key, requestId, amount, holdsKeyBudget, null);
    }

    /** The hold this reservation became when it was taken from a lease. */
    Hold leased(UUID lease, boolean holdsKeyBudget) {
        return new Hold(holdId, team, key, requestId, amount, holdsKeyBudget, lease);
    }
}
