package dev.tollgate.portal.charts;

import java.math.BigDecimal;
import java.util.Objects;

/** One labelled slice of a {@link Donut}, such as the cached input tokens of a period. */
public record Slice(String label, BigDecimal value) {

    public Slice {
        Objects.requireNonNull(label, "label");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("A slice cannot be negative: " + label + " " + value.toPlainString());
        }
    }
}
