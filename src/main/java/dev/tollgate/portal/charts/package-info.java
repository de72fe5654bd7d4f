/**
 * Charts for the portal's dashboards: {@link dev.tollgate.portal.charts.Chart}, an Apache ECharts chart in Lumo's
 * look, and one record per kind of chart ({@link dev.tollgate.portal.charts.StackedDailyBars},
 * {@link dev.tollgate.portal.charts.HorizontalBars}, {@link dev.tollgate.portal.charts.Donut},
 * {@link dev.tollgate.portal.charts.DailyTrend}), so views hand over typed data and never write ECharts options.
 */
@NullMarked
package dev.tollgate.portal.charts;

import org.jspecify.annotations.NullMarked;
