package dev.tollgate.video;

import dev.tollgate.account.UserId;
import dev.tollgate.billing.PrepaidCharge;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.InputImage;
import dev.tollgate.usage.UsageSource;
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
        @Nullable UserId user,
        UsageSource source,
        @Nullable String dialect,
        ModelId model,
        String prompt,
        int seconds,
        String size,
        @Nullable InputImage reference) {

    public NewVideoJob {
        Objects.requireNonNull(charge);
        Objects.requireNonNull(source);
        Objects.requireNonNull(model);
        Objects.requireNonNull(prompt);
        Objects.requireNonNull(size);
    }
}
