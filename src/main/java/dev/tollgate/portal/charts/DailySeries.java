package dev.tollgate.portal.charts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/** One named line or stack of bars over days, such as one model's spend; days not in the map count as zero. */
public record DailySeries(String name, Map<LocalDate, BigDecimal> values) {

    public DailySeries {
        Objects.requireNonNull(name, "name");
        values = Map.copyOf(values);
    }

    BigDecimal on(LocalDate day) {
        return values.getOrDefault(day, BigDecimal.ZERO);
    }
}
