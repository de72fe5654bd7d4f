package dev.tollgate.portal.charts;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Shares of a whole as a ring: tokens by kind (input, cached input, output). */
public record Donut(List<Slice> slices, Measure measure) implements ChartSpec {

    public Donut {
        slices = List.copyOf(slices);
        Objects.requireNonNull(measure, "measure");
    }

    public static Donut counts(List<Slice> slices) {
        return new Donut(slices, Measure.COUNT);
    }

    /** A ring of zero slices would be drawn as nothing at all. */
    @Override
    public boolean isEmpty() {
        return slices.stream().allMatch(slice -> slice.value().signum() == 0);
    }

    @Override
    public ObjectNode option() {
        ObjectNode option = OptionParts.object();
        option.putObject("legend")
                .put("type", "scroll")
                .put("orient", "vertical")
                .put("right", 0)
                .put("top", "middle");
        option.putObject("tooltip").put("trigger", "item");
        ObjectNode ring =
                option.putArray("series").addObject().put("type", "pie").put("avoidLabelOverlap", true);
        ring.putArray("radius").add("45%").add("70%");
        ring.putArray("center").add("40%").add("50%");
        ring.putObject("label").put("formatter", "{d}%");
        ArrayNode data = ring.putArray("data");
        for (Slice slice : slices) {
            data.addObject().put("name", slice.label()).put("value", slice.value());
        }
        return option;
    }
}
