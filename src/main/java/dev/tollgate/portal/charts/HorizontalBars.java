package dev.tollgate.portal.charts;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/** Labelled bars across the page, first bar on top: spend by key, top models. */
public record HorizontalBars(List<Bar> bars, Measure measure) implements ChartSpec {

    public HorizontalBars {
        bars = List.copyOf(bars);
        Objects.requireNonNull(measure, "measure");
    }

    /** Amounts of Cr$, in the order given (typically largest first). */
    public static HorizontalBars credits(List<Bar> bars) {
        return new HorizontalBars(bars, Measure.CREDITS);
    }

    private static final int LABEL_WIDTH = 140;

    @Override
    public boolean isEmpty() {
        return bars.isEmpty();
    }

    @Override
    public ObjectNode option() {
        ObjectNode option = OptionParts.object();
        option.set("grid", OptionParts.grid(8));
        option.set("tooltip", OptionParts.axisTooltip("shadow"));
        // few ticks: Cr$ labels are wide and would otherwise hide one another
        ObjectNode valueAxis = OptionParts.valueAxis().put("splitNumber", 4);
        if (measure != Measure.CREDITS) {
            // whole things: no ticks at 0.2 that round to the same label
            valueAxis.put("minInterval", 1);
        }
        if (measure == Measure.PERCENT) {
            valueAxis.put("max", 100).put("interval", 25);
        }
        option.set("xAxis", valueAxis);
        // ECharts draws the first category at the bottom; inverse puts the first bar on top, as a ranking reads
        ObjectNode categories =
                OptionParts.categoryAxis(bars.stream().map(Bar::label).toList()).put("inverse", true);
        // a long name (keys take up to 200 characters) is cut to a fixed width, whole in the tooltip, so the bars keep
        // the room to be drawn
        categories.putObject("axisLabel").put("width", LABEL_WIDTH).put("overflow", "truncate");
        option.set("yAxis", categories);
        option.putArray("series")
                .addObject()
                .put("type", "bar")
                .put("barMaxWidth", 28)
                .set("data", OptionParts.values(bars.stream().map(Bar::value).toList()));
        return option;
    }
}
