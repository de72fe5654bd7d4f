package dev.tollgate.portal.charts;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** One line (or group of bars) per series over days, side by side rather than stacked: images and videos per day. */
public record DailyTrend(List<LocalDate> days, List<DailySeries> series, Shape shape, Measure measure)
        implements ChartSpec {

    /** How each series is drawn. */
    public enum Shape {
        LINES,
        BARS
    }

    public DailyTrend {
        days = List.copyOf(days);
        series = List.copyOf(series);
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(measure, "measure");
    }

    /** Counts per day (images, videos, requests) as lines. */
    public static DailyTrend counts(List<LocalDate> days, List<DailySeries> series) {
        return new DailyTrend(days, series, Shape.LINES, Measure.COUNT);
    }

    public DailyTrend drawnAs(Shape other) {
        return new DailyTrend(days, series, other, measure);
    }

    @Override
    public boolean isEmpty() {
        return days.isEmpty() || series.stream().allMatch(each -> each.values().isEmpty());
    }

    @Override
    public ObjectNode option() {
        ObjectNode option = OptionParts.object();
        OptionParts.legendOnTop(option);
        option.set("tooltip", OptionParts.axisTooltip(shape == Shape.LINES ? "line" : "shadow"));
        ObjectNode xAxis = OptionParts.categoryAxis(OptionParts.dayLabels(days));
        if (shape == Shape.LINES) {
            xAxis.put("boundaryGap", false);
        }
        option.set("xAxis", xAxis);
        ObjectNode yAxis = OptionParts.valueAxis();
        if (measure == Measure.COUNT) {
            yAxis.put("minInterval", 1);
        }
        option.set("yAxis", yAxis);
        ArrayNode drawn = option.putArray("series");
        for (DailySeries each : series) {
            ObjectNode line =
                    drawn.addObject().put("name", each.name()).put("type", shape == Shape.LINES ? "line" : "bar");
            if (shape == Shape.LINES) {
                line.put("symbolSize", 6).put("smooth", false);
            } else {
                line.put("barMaxWidth", 24);
            }
            line.set("data", OptionParts.values(days.stream().map(each::on).toList()));
        }
        return option;
    }
}
