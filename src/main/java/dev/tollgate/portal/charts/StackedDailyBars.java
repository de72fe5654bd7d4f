package dev.tollgate.portal.charts;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Bars per day, one stacked segment per series: spend per day split by model. */
public record StackedDailyBars(List<LocalDate> days, List<DailySeries> series, Measure measure) implements ChartSpec {

    public StackedDailyBars {
        days = List.copyOf(days);
        series = List.copyOf(series);
        Objects.requireNonNull(measure, "measure");
    }

    /** Spend in Cr$ over the given days, one stack segment per series. */
    public static StackedDailyBars credits(List<LocalDate> days, List<DailySeries> series) {
        return new StackedDailyBars(days, series, Measure.CREDITS);
    }

    @Override
    public boolean isEmpty() {
        return days.isEmpty() || series.stream().allMatch(each -> each.values().isEmpty());
    }

    @Override
    public ObjectNode option() {
        ObjectNode option = OptionParts.object();
        OptionParts.legendOnTop(option);
        option.set("tooltip", OptionParts.axisTooltip("shadow"));
        option.set("xAxis", OptionParts.categoryAxis(OptionParts.dayLabels(days)));
        option.set("yAxis", OptionParts.valueAxis());
        ArrayNode drawn = option.putArray("series");
        for (DailySeries each : series) {
            drawn.addObject()
                    .put("name", each.name())
                    .put("type", "bar")
                    .put("stack", "total")
                    .put("barMaxWidth", 48)
                    .set("data", OptionParts.values(days.stream().map(each::on).toList()));
        }
        return option;
    }
}
