package dev.tollgate.portal.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The ECharts options the chart records write for known data, and the JSON the element receives. */
class ChartOptionTests {

    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);
    private static final LocalDate TUESDAY = MONDAY.plusDays(1);
    private static final LocalDate WEDNESDAY = MONDAY.plusDays(2);
    private static final List<LocalDate> DAYS = List.of(MONDAY, TUESDAY, WEDNESDAY);

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void stackedBarsHaveOneStackedSeriesPerModelWithZeroOnDaysWithoutSpend() {
        StackedDailyBars spend = StackedDailyBars.credits(
                DAYS,
                List.of(
                        new DailySeries(
                                "gpt-5", Map.of(MONDAY, new BigDecimal("1.25"), WEDNESDAY, new BigDecimal("0.5"))),
                        new DailySeries("claude-haiku-4-5", Map.of(TUESDAY, new BigDecimal("3")))));

        String option = json.writeValueAsString(spend.option());

        assertThat(option)
                .as("days on the x axis, one stacked bar series per model, zero where a model spent nothing")
                .contains("\"xAxis\":{\"type\":\"category\",\"data\":[\"2026-03-02\",\"2026-03-03\",\"2026-03-04\"]}")
                .contains("\"yAxis\":{\"type\":\"value\"}")
                .contains("{\"name\":\"gpt-5\",\"type\":\"bar\",\"stack\":\"total\",\"barMaxWidth\":48,"
                        + "\"data\":[1.25,0,0.5]}")
                .contains("{\"name\":\"claude-haiku-4-5\",\"type\":\"bar\",\"stack\":\"total\",\"barMaxWidth\":48,"
                        + "\"data\":[0,3,0]}");
        assertThat(spend.measure()).isEqualTo(Measure.CREDITS);
    }

    @Test
    void amountsReachTheJsonAsExactPlainDecimals() {
        // more digits than a double holds, and a nano-credit that toString() would write as 1E-9
        Chart chart = new Chart();
        chart.show(HorizontalBars.credits(List.of(
                new Bar("batch key", new BigDecimal("12345678901.123456789")),
                new Bar("test key", new BigDecimal("0.000000001")))));

        assertThat(chart.config())
                .as("amounts are written as the decimals they are, never rounded through a double")
                .contains("\"data\":[12345678901.123456789,0.000000001]")
                .contains("\"measure\":\"credits\"");
    }

    @Test
    void horizontalBarsListTheirLabelsTopDown() {
        JsonNode option = json.valueToTree(HorizontalBars.credits(List.of(
                        new Bar("gpt-5", new BigDecimal("9.10")), new Bar("gemini-3-flash", new BigDecimal("2.00"))))
                .option());

        assertThat(option.at("/yAxis/data").toString()).isEqualTo("[\"gpt-5\",\"gemini-3-flash\"]");
        assertThat(option.at("/yAxis/inverse").asBoolean())
                .as("the first bar is drawn on top")
                .isTrue();
        assertThat(option.at("/xAxis/type").asString()).isEqualTo("value");
        assertThat(option.at("/series/0/data").toString()).isEqualTo("[9.10,2.00]");
    }

    @Test
    void horizontalBarsCutALongLabelSoTheBarsKeepTheirRoom() {
        JsonNode option =
                json.valueToTree(HorizontalBars.credits(List.of(new Bar("k".repeat(200), new BigDecimal("1.00"))))
                        .option());

        assertThat(option.at("/yAxis/axisLabel/overflow").asString())
                .as("a 200-character key name is truncated, not laid out whole beside the bars")
                .isEqualTo("truncate");
        assertThat(option.at("/yAxis/axisLabel/width").asInt()).isBetween(80, 200);
    }

    @Test
    void donutHasOneNamedSlicePerKind() {
        Donut tokens = Donut.counts(List.of(
                new Slice("input", new BigDecimal("1200")),
                new Slice("cached input", new BigDecimal("300")),
                new Slice("output", new BigDecimal("450"))));

        JsonNode ring = json.valueToTree(tokens.option()).at("/series/0");

        assertThat(ring.get("type").asString()).isEqualTo("pie");
        assertThat(ring.get("radius").toString()).as("a ring, not a full pie").isEqualTo("[\"45%\",\"70%\"]");
        assertThat(ring.get("data").toString())
                .isEqualTo("[{\"name\":\"input\",\"value\":1200},{\"name\":\"cached input\",\"value\":300},"
                        + "{\"name\":\"output\",\"value\":450}]");
        assertThat(tokens.measure()).isEqualTo(Measure.COUNT);
    }

    @Test
    void dailyTrendDrawsSideBySideLinesOrBars() {
        DailyTrend media = DailyTrend.counts(
                DAYS,
                List.of(
                        new DailySeries("Images", Map.of(MONDAY, new BigDecimal("4"), TUESDAY, new BigDecimal("7"))),
                        new DailySeries("Videos", Map.of(WEDNESDAY, BigDecimal.ONE))));

        JsonNode lines = json.valueToTree(media.option());
        JsonNode bars = json.valueToTree(media.drawnAs(DailyTrend.Shape.BARS).option());

        assertThat(lines.at("/series/0/type").asString()).isEqualTo("line");
        assertThat(lines.at("/series/0/data").toString()).isEqualTo("[4,7,0]");
        assertThat(lines.at("/series/1/data").toString()).isEqualTo("[0,0,1]");
        assertThat(lines.at("/yAxis/minInterval").asInt())
                .as("no half images on the axis")
                .isEqualTo(1);
        assertThat(bars.at("/series/1/type").asString()).isEqualTo("bar");
        assertThat(bars.at("/series/1").has("stack"))
                .as("counts stand side by side")
                .isFalse();
    }

    @Test
    void chartsWithoutDataSendOnlyTheEmptyMessage() {
        Chart chart = new Chart();
        chart.show(StackedDailyBars.credits(DAYS, List.of(new DailySeries("gpt-5", Map.of()))));
        assertThat(chart.config()).isEqualTo("{\"empty\":\"No data for this period\"}");

        chart.show(Donut.counts(List.of(new Slice("input", BigDecimal.ZERO))));
        assertThat(chart.config())
                .as("a ring of zeros draws nothing")
                .isEqualTo("{\"empty\":\"No data for this period\"}");

        chart.setEmptyMessage("No keys have spent anything yet");
        assertThat(chart.config()).isEqualTo("{\"empty\":\"No keys have spent anything yet\"}");
    }

    @Test
    void showingNewDataReplacesTheConfigOfTheSameChart() {
        Chart chart = new Chart("Top models");
        chart.show(HorizontalBars.credits(List.of(new Bar("gpt-5", new BigDecimal("1.00")))));
        String before = chart.getElement().getProperty("config");

        chart.show(HorizontalBars.credits(List.of(new Bar("gpt-5", new BigDecimal("2.50")))));

        assertThat(chart.getElement().getProperty("config"))
                .isNotEqualTo(before)
                .contains("[2.50]");
        assertThat(chart.getTitle()).isEqualTo("Top models");
    }
}
