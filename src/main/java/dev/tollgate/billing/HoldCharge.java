package dev.tollgate.billing;

import dev.tollgate.money.Credits;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a finished request owes against its hold, with the ledger note and the actor it is charged for (captured where
 * the request ran, so a settle on another thread is recorded under the same name).
 */
public record HoldCharge(
        Hold hold, Credits charge, String note, @Nullable String actor) {

    public HoldCharge {
        Objects.requireNonNull(hold);
        Objects.requireNonNull(note);
        if (charge.isNegative()) {
            throw new IllegalArgumentException("A charge is not negative");
        }
    }
}
