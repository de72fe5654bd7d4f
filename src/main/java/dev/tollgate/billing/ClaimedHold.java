package dev.tollgate.billing;

import dev.tollgate.money.Credits;
import java.util.Objects;

/**
 * A finished call's charge, with what its settle found when it claimed the call's hold. The claim comes first and
 * touches only the hold itself; the money moves afterwards ({@link CreditHolds#chargeAll}, {@link CreditHolds#charge(
 * ClaimedHold)}), in the same transaction.
 *
 * @param earlierCharge what a hold settled before was charged then; zero otherwise
 */
public record ClaimedHold(HoldCharge owed, Found found, Credits earlierCharge) {

    /** The state the settle found the hold in. */
    public enum Found {
        /** Still held: the call's charge is taken against its hold, and the rest of the hold released. */
        HELD,
        /**
         * Released by the sweeper while the call was still running: the call is charged all the same, straight from the
         * available balance, and its key's reservation was freed by the release.
         */
        RELEASED,
        /** Settled before: it keeps that charge and nothing moves. */
        SETTLED
    }

    public ClaimedHold {
        Objects.requireNonNull(owed);
        Objects.requireNonNull(found);
        Objects.requireNonNull(earlierCharge);
    }

    /** What the call ends up charged if its charge fits: the charge owed, or the earlier one of a hold settled before. */
    public Credits charge() {
        return found == Found.SETTLED ? earlierCharge : owed.charge();
    }
}
