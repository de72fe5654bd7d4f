package dev.tollgate.portal.charts;

import java.math.BigDecimal;
import java.util.Objects;

/** One labelled bar of a {@link HorizontalBars} chart, such as one key's spend. */
public record Bar(String label, BigDecimal value) {

    public Bar {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
    }
}
