package dev.tollgate.video;

import dev.tollgate.billing.PrepaidCharge;
import dev.tollgate.caller.Caller;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.InputImage;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A video request that was accepted and paid for ({@code charge}), to be queued in the same transaction as the
 * charge so neither exists without the other.
 *
 * @param size {@code WIDTHxHEIGHT}
 */
public record NewVideoJob(
        PrepaidCharge charge,
        Caller caller,
        ModelId model,
        String prompt,
        int seconds,
        String size,
        @Nullable InputImage reference) {

    public NewVideoJob {
        Objects.requireNonNull(charge);
        Objects.requireNonNull(caller);
        if (!charge.team().equals(caller.team()) || !charge.requestId().equals(caller.requestId())) {
            throw new IllegalArgumentException("A job is paid for by its own caller's request");
        }
        Objects.requireNonNull(model);
        Objects.requireNonNull(prompt);
        Objects.requireNonNull(size);
    }
}
