package dev.tollgate.portal.charts;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every kind of chart with known data, for {@link ChartTests}. It lives in the test sources, so Vaadin's scan of
 * {@code dev.tollgate.portal} finds it only when the tests run.
 */
@Route("test/charts")
@PermitAll
class ChartHarness extends VerticalLayout {

    static final LocalDate FIRST_DAY = LocalDate.of(2026, 3, 2);
    static final List<LocalDate> WEEK =
            Stream.iterate(FIRST_DAY, day -> day.plusDays(1)).limit(7).toList();

    ChartHarness() {
        Chart spend = chart("spend", "Spend per day by model");
        spend.show(StackedDailyBars.credits(WEEK, spendByModel()));

        Chart keys = chart("keys", "Spend by key");
        keys.show(HorizontalBars.credits(List.of(
                new Bar("production backend", new BigDecimal("42.137500")),
                new Bar("nightly batch", new BigDecimal("18.5")),
                new Bar("support assistant", new BigDecimal("7.25")),
                new Bar("Ana's notebook", new BigDecimal("0.004")))));

        Chart tokens = chart("tokens", "Tokens by kind");
        tokens.show(Donut.counts(List.of(
                new Slice("input", new BigDecimal("182000")),
                new Slice("cached input", new BigDecimal("64000")),
                new Slice("output", new BigDecimal("41000")))));

        Chart media = chart("media", "Images and videos per day");
        media.show(DailyTrend.counts(
                WEEK, List.of(daily("Images", 12, 18, 9, 22, 30, 4, 2), daily("Videos", 1, 0, 3, 2, 5, 0, 0))));

        Chart empty = chart("empty", "Spend last month");
        empty.show(StackedDailyBars.credits(WEEK, List.of()));

        // the dashboards' date-range change: same chart, new data
        Button nextWeek = new Button(
                "Next week",
                click -> spend.show(StackedDailyBars.credits(
                        WEEK.stream().map(day -> day.plusDays(7)).toList(),
                        List.of(new DailySeries("gpt-5", Map.of(FIRST_DAY.plusDays(8), new BigDecimal("5.00")))))));
        nextWeek.setId("next-week");

        FlexLayout grid = new FlexLayout(spend, keys, tokens, media, empty);
        grid.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        grid.getStyle().set("gap", "var(--lumo-space-l)");
        grid.setWidthFull();
        add(nextWeek, grid);
    }

    private static Chart chart(String id, String title) {
        Chart chart = new Chart(title);
        chart.setId(id);
        chart.setWidth("520px");
        chart.setHeight("280px");
        return chart;
    }

    private static List<DailySeries> spendByModel() {
        return List.of(
                daily("gpt-5", "4.20", "3.10", "5.75", "6.00", "2.40", "0.30", "0"),
                daily("claude-sonnet-4-6", "2.00", "2.60", "1.10", "3.35", "4.05", "0", "0.15"),
                daily("gemini-3-flash", "0.45", "0.62", "0.38", "0.91", "0.50", "0.05", "0.02"));
    }

    private static DailySeries daily(String name, Object... perDay) {
        Map<LocalDate, BigDecimal> values = new HashMap<>();
        for (int i = 0; i < perDay.length; i++) {
            values.put(WEEK.get(i), new BigDecimal(perDay[i].toString()));
        }
        return new DailySeries(name, values);
    }
}
