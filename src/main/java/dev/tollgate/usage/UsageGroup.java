package dev.tollgate.usage;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The totals of one group of a report: {@code group} is the ISO day, the model id or the key id (null for requests
 * without a key); {@code name} is the key's name when grouped by key.
 */
public record UsageGroup(@Nullable String group, @Nullable String name, UsageTotals totals) {

    public UsageGroup {
        Objects.requireNonNull(totals);
    }
}
