package dev.tollgate.portal.charts;

import tools.jackson.databind.node.ObjectNode;

/** One kind of chart with its data, which knows the ECharts option that draws it. */
public sealed interface ChartSpec permits StackedDailyBars, HorizontalBars, Donut, DailyTrend {

    Measure measure();

    /** True when there is nothing to draw, so the chart shows its empty message instead. */
    boolean isEmpty();

    /** The ECharts option without colours or fonts; the element lays Lumo's over it. */
    ObjectNode option();
}
