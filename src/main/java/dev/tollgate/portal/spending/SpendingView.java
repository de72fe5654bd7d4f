package dev.tollgate.portal.spending;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.progressbar.ProgressBarVariant;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.function.ValueProvider;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamMembership;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.ApiKeyStatus;
import dev.tollgate.apikey.ApiKeyView;
import dev.tollgate.billing.BillingService;
import dev.tollgate.billing.KeyBudget;
import dev.tollgate.billing.KeyBudgets;
import dev.tollgate.money.Credits;
import dev.tollgate.portal.CurrentTeam;
import dev.tollgate.portal.DisplayFormats;
import dev.tollgate.portal.MoneyLabel;
import dev.tollgate.portal.ViewHeader;
import dev.tollgate.portal.charts.Bar;
import dev.tollgate.portal.charts.Chart;
import dev.tollgate.portal.charts.DailySeries;
import dev.tollgate.portal.charts.DailyTrend;
import dev.tollgate.portal.charts.Donut;
import dev.tollgate.portal.charts.HorizontalBars;
import dev.tollgate.portal.charts.Slice;
import dev.tollgate.portal.charts.StackedDailyBars;
import dev.tollgate.portal.team.LedgerGrid;
import dev.tollgate.portal.team.StatementAuthors;
import dev.tollgate.portal.usage.UsageLabels;
import dev.tollgate.usage.DailyMediaCount;
import dev.tollgate.usage.DailyModelSpend;
import dev.tollgate.usage.KeySpend;
import dev.tollgate.usage.ModelSpend;
import dev.tollgate.usage.SpendReports;
import dev.tollgate.usage.SpendSummary;
import jakarta.annotation.security.PermitAll;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Where the team's credit goes: balance, recent spend and how long the balance lasts at that rate; charts of spend per
 * day by model, spend by key, tokens by kind, and images and videos per day; the top keys and models; key budgets;
 * and, in its own tab, the ledger with the running balance. One date range drives every chart and table, read from
 * the daily roll-ups so long ranges stay quick. The cards above the range are fixed windows (today, the last 7 and 30
 * UTC days), said so beneath them; a range with nothing spent shows one empty state, and a start after the end is
 * refused on the field.
 */
@Route("spending")
@PageTitle("Spending · Tollgate")
@PermitAll
public class SpendingView extends VerticalLayout {

    private static final int TOP = 5;
    private static final BigDecimal WARNING = new BigDecimal("0.8");

    private final SpendReports reports;
    private final ApiKeyService keys;
    private final KeyBudgets keyBudgets;
    private final @Nullable TeamMembership team;
    private final DatePicker from = new DatePicker("From");
    private final DatePicker to = new DatePicker("To");
    private final HorizontalLayout cards = new HorizontalLayout();
    private final Chart perDay = new Chart("Spend per day by model");
    private final Chart byKey = new Chart("Spend by key");
    private final Chart byKind = new Chart("Tokens by kind");
    private final Chart media = new Chart("Images and videos per day");
    private final Grid<KeySpend> topKeys = new Grid<>();
    private final Grid<ModelSpend> topModels = new Grid<>();
    private final VerticalLayout budgets = new VerticalLayout();
    private final Div nothingSpent = new Div();
    private final Div rangeContent = new Div();

    SpendingView(
            SpendReports reports,
            ApiKeyService keys,
            KeyBudgets keyBudgets,
            BillingService billing,
            CurrentTeam currentTeam,
            StatementAuthors authors) {
        this.reports = reports;
        this.keys = keys;
        this.keyBudgets = keyBudgets;
        this.team = currentTeam.get().orElse(null);
        if (team == null) {
            add(new ViewHeader("Spending", "You are not a member of any team yet. Ask a platform admin to add you."));
            return;
        }
        add(new ViewHeader("Spending", "Where " + team.team().name() + "'s credit goes."));
        TabSheet tabs = new TabSheet();
        tabs.add("Dashboard", dashboard()).setId("spending-dashboard-tab");
        LedgerGrid ledger = new LedgerGrid(billing, authors, team.team().id());
        ledger.setId("spending-ledger");
        ledger.setHeight("36rem");
        tabs.add("Ledger", ledger).setId("spending-ledger-tab");
        tabs.setWidthFull();
        add(tabs);
        setWidthFull();
        addClassName("spending-view");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        range(today.minusDays(29), today);
    }

    private VerticalLayout dashboard() {
        from.setId("spending-from");
        to.setId("spending-to");
        // the range is checked here, not by the pickers, so a refused range never reaches the reports
        from.setManualValidation(true);
        to.setManualValidation(true);
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        HorizontalLayout presets =
                new HorizontalLayout(preset("7 days", 7), preset("30 days", 30), preset("90 days", 90));
        presets.addClassName("spending-presets");
        HorizontalLayout rangeBar = new HorizontalLayout(from, to, presets);
        rangeBar.setAlignItems(FlexComponent.Alignment.BASELINE);
        rangeBar.addClassName("spending-range");
        cards.addClassName("stat-cards");
        cards.setId("spending-cards");
        Span cardsNote = new Span("Balance and spend of the last UTC days, whatever the range below."
                + " The range drives the charts and tables.");
        cardsNote.addClassName("section-note");
        cardsNote.setId("spending-cards-note");
        for (Chart chart : List.of(perDay, byKey, byKind, media)) {
            chart.setHeight("20rem");
            chart.setWidthFull();
            chart.addClassName("spending-chart");
        }
        perDay.setId("chart-per-day");
        byKey.setId("chart-by-key");
        byKind.setId("chart-by-kind");
        media.setId("chart-media");
        Div chartGrid = new Div(perDay, byKey, byKind, media);
        chartGrid.addClassName("spending-charts");
        topKeys.addColumn(SpendingView::keyLabel)
                .setHeader("Key")
                .setTooltipGenerator(SpendingView::keyLabel)
                .setFlexGrow(1);
        amountColumns(topKeys, KeySpend::requests, KeySpend::spend);
        topKeys.setId("spending-top-keys");
        // full model names, wrapped: cut at a fixed width, several models of one family read the same
        topModels
                .addColumn(m -> m.model().value())
                .setHeader("Model")
                .setTooltipGenerator(m -> m.model().value())
                .setFlexGrow(1);
        amountColumns(topModels, ModelSpend::requests, ModelSpend::spend);
        topModels.setId("spending-top-models");
        Div tables = new Div(section("Top keys", topKeys), section("Top models", topModels));
        tables.addClassName("spending-tables");
        budgets.setPadding(false);
        budgets.setId("spending-budgets");
        nothingSpent.addClassName("empty-state");
        nothingSpent.setId("spending-empty");
        rangeContent.add(chartGrid, tables);
        rangeContent.addClassName("spending-range-content");
        VerticalLayout dashboard = new VerticalLayout(
                cards, cardsNote, rangeBar, nothingSpent, rangeContent, section("Key budgets", budgets));
        dashboard.setPadding(false);
        return dashboard;
    }

    private static <T> void amountColumns(
            Grid<T> grid, ValueProvider<T, Long> requests, ValueProvider<T, Credits> spend) {
        grid.addColumn(requests)
                .setHeader("Requests")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(row -> DisplayFormats.cost(spend.apply(row)))
                .setHeader("Spend")
                .setTooltipGenerator(row -> DisplayFormats.exactMoney(spend.apply(row)))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
    }

    private static String keyLabel(KeySpend key) {
        return key.keyName() == null ? "Portal (no key)" : key.keyName();
    }

    private Button preset(String label, int days) {
        Button button = new Button(label, e -> {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            range(today.minusDays(days - 1L), today);
        });
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        return button;
    }

    private void range(LocalDate start, LocalDate end) {
        to.setValue(end);
        from.setValue(start);
        refresh();
    }

    private static VerticalLayout section(String title, Component content) {
        VerticalLayout section = new VerticalLayout(new H3(title), content);
        section.setPadding(false);
        section.addClassName("spending-section");
        return section;
    }

    private void refresh() {
        if (team == null || from.getValue() == null || to.getValue() == null) {
            return;
        }
        TeamId id = team.team().id();
        showCards(reports.summary(id, Instant.now()));
        showBudgets(keys.list(id), keyBudgets.ofTeam(id));
        LocalDate start = from.getValue();
        LocalDate end = to.getValue();
        boolean backwards = start.isAfter(end);
        from.setInvalid(backwards);
        from.setErrorMessage(backwards ? "The start comes after the end (" + end + ")" : null);
        if (backwards) {
            showNothing("Choose a start on or before the end to see spending.");
            return;
        }
        List<ModelSpend> models = reports.topModels(id, start, end, TOP);
        if (models.isEmpty()) {
            showNothing("Nothing was spent from " + start + " to " + end + " (UTC).");
            return;
        }
        nothingSpent.setVisible(false);
        rangeContent.setVisible(true);
        List<LocalDate> days = start.datesUntil(end.plusDays(1)).toList();
        perDay.show(StackedDailyBars.credits(days, modelSeries(reports.spendPerDayByModel(id, start, end))));
        byKey.show(HorizontalBars.credits(reports.spendByKey(id, start, end).stream()
                .map(k -> new Bar(
                        k.keyName() == null ? "Portal (no key)" : k.keyName(),
                        k.spend().amount()))
                .toList()));
        byKind.show(Donut.counts(reports.tokensByKind(id, start, end).stream()
                .filter(k -> k.tokens().total() > 0)
                .map(k -> new Slice(
                        UsageLabels.kind(k.kind()),
                        BigDecimal.valueOf(k.tokens().total())))
                .toList()));
        media.show(DailyTrend.counts(days, mediaSeries(reports.mediaPerDay(id, start, end))));
        topKeys.setItems(reports.topKeys(id, start, end, TOP));
        topModels.setItems(models);
    }

    /** One empty state for the whole range, instead of four empty charts and two empty tables. */
    private void showNothing(String message) {
        nothingSpent.setText(message);
        nothingSpent.setVisible(true);
        rangeContent.setVisible(false);
    }

    private void showCards(SpendSummary summary) {
        cards.removeAll();
        cards.add(
                card("Balance", new MoneyLabel(summary.balance()), "card-balance"),
                card("Today", new MoneyLabel(summary.today()), "card-today"),
                card("Last 7 days", new MoneyLabel(summary.last7Days()), "card-7-days"),
                card("Last 30 days", new MoneyLabel(summary.last30Days()), "card-30-days"),
                card(
                        "Balance lasts, at the last 7 days' rate",
                        new Span(summary.daysUntilBalanceRunsOut()
                                .map(SpendingView::daysLeft)
                                .orElse("—")),
                        "card-days-left"));
    }

    /** Past a year the exact count says nothing (a tiny spend rate gives hundreds of millions of days). */
    private static String daysLeft(BigDecimal days) {
        if (days.compareTo(BigDecimal.valueOf(365)) > 0) {
            return "Over a year";
        }
        if (days.compareTo(BigDecimal.ONE) < 0) {
            return "Under a day";
        }
        long whole = days.setScale(0, RoundingMode.DOWN).longValueExact();
        return whole == 1 ? "1 day" : whole + " days";
    }

    private static Div card(String label, Span number, String id) {
        Span name = new Span(label);
        name.addClassName("stat-label");
        number.addClassName("stat-value");
        Div card = new Div(name, number);
        card.addClassName("stat-card");
        card.setId(id);
        return card;
    }

    private static List<DailySeries> modelSeries(List<DailyModelSpend> rows) {
        Map<String, Map<LocalDate, BigDecimal>> byModel = new TreeMap<>();
        for (DailyModelSpend row : rows) {
            byModel.computeIfAbsent(row.model().value(), m -> new TreeMap<>())
                    .merge(row.day(), row.spend().amount(), BigDecimal::add);
        }
        List<DailySeries> series = new ArrayList<>();
        byModel.forEach((model, values) -> series.add(new DailySeries(model, values)));
        return series;
    }

    private static List<DailySeries> mediaSeries(List<DailyMediaCount> rows) {
        Map<LocalDate, BigDecimal> images = new LinkedHashMap<>();
        Map<LocalDate, BigDecimal> videos = new LinkedHashMap<>();
        for (DailyMediaCount row : rows) {
            images.put(row.day(), BigDecimal.valueOf(row.images()));
            videos.put(row.day(), BigDecimal.valueOf(row.videos()));
        }
        return rows.isEmpty()
                ? List.of()
                : List.of(new DailySeries("Images", images), new DailySeries("Videos", videos));
    }

    private void showBudgets(List<ApiKeyView> teamKeys, Map<ApiKeyId, KeyBudget> spending) {
        budgets.removeAll();
        List<ApiKeyView> budgeted = teamKeys.stream()
                .filter(k -> k.status() != ApiKeyStatus.REVOKED)
                .filter(k ->
                        spending.containsKey(k.id()) && spending.get(k.id()).budget() != null)
                .toList();
        if (budgeted.isEmpty()) {
            Span none = new Span("No key has a budget. Set one when you create a key.");
            none.addClassName("section-note");
            budgets.add(none);
            return;
        }
        for (ApiKeyView view : budgeted) {
            KeyBudget key = spending.get(view.id());
            Credits budget = Objects.requireNonNull(key.budget());
            BigDecimal used = budget.isZero()
                    ? BigDecimal.ONE
                    : key.spent().amount().divide(budget.amount(), 4, RoundingMode.HALF_UP);
            ProgressBar bar = new ProgressBar(0, 1, Math.min(1.0, used.doubleValue()));
            Span label = new Span(view.name() + " (" + view.maskedKey() + ") · " + DisplayFormats.cost(key.spent())
                    + " of " + DisplayFormats.money(budget) + " ("
                    + used.movePointRight(2).setScale(0, RoundingMode.DOWN) + "%)");
            VerticalLayout row = new VerticalLayout(label, bar);
            if (used.compareTo(BigDecimal.ONE) >= 0) {
                bar.addThemeVariants(ProgressBarVariant.LUMO_ERROR);
                row.addClassName("budget-spent");
            } else if (used.compareTo(WARNING) >= 0) {
                // Lumo has no warning variant for progress bars; the class paints the bar in its warning colour
                bar.addClassName("budget-warning-bar");
                row.addClassName("budget-warning");
            }
            row.setPadding(false);
            row.setSpacing(false);
            row.addClassName("budget-row");
            budgets.add(row);
        }
    }
}
