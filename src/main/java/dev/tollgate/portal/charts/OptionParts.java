package dev.tollgate.portal.charts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The pieces of ECharts options that several kinds of chart share. */
final class OptionParts {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OptionParts() {}

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ObjectNode categoryAxis(List<String> labels) {
        ObjectNode axis = object().put("type", "category");
        ArrayNode data = axis.putArray("data");
        labels.forEach(data::add);
        return axis;
    }

    static ObjectNode valueAxis() {
        return object().put("type", "value");
    }

    static List<String> dayLabels(List<LocalDate> days) {
        return days.stream().map(LocalDate::toString).toList();
    }

    /** Kept as BigDecimal all the way into the JSON, so no amount passes through a double on the server. */
    static ArrayNode values(List<BigDecimal> values) {
        ArrayNode data = NODES.arrayNode();
        values.forEach(data::add);
        return data;
    }

    /** A legend across the top, and room beneath it for the plot. */
    static void legendOnTop(ObjectNode option) {
        option.putObject("legend").put("type", "scroll").put("top", 0);
        option.set("grid", grid(40));
    }

    /** The plot area inside the chart, shrunk so axis labels stay inside it rather than being cut off at the edge. */
    static ObjectNode grid(int top) {
        return object().put("top", top)
                .put("left", 8)
                .put("right", 24)
                .put("bottom", 8)
                .put("outerBoundsMode", "same")
                .put("outerBoundsContain", "axisLabel");
    }

    static ObjectNode axisTooltip(String pointer) {
        ObjectNode tooltip = object().put("trigger", "axis");
        tooltip.putObject("axisPointer").put("type", pointer);
        return tooltip;
    }
}
