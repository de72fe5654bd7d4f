package dev.tollgate.portal.spending;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamMembership;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.ApiKeyView;
import dev.tollgate.billing.BillingService;
import dev.tollgate.billing.KeyBudget;
import dev.tollgate.billing.KeyBudgets;
import dev.tollgate.money.Credits;
import dev.tollgate.portal.CurrentTeam;
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
 * the daily roll-ups so long ranges stay quick.
 */
@Route("spending")
@PageTitle("Spending · Tollgate")
@PermitAll
public class SpendingView extends VerticalLayout {

    private static final int TOP = 5;

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

    SpendingView(
            SpendReports reports,
            ApiKeyService keys,
            KeyBudgets keyBudgets,
            BillingService billing,
            CurrentTeam currentTeam) {
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
        LedgerGrid ledger = new LedgerGrid(billing, team.team().id());
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
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        HorizontalLayout presets =
                new HorizontalLayout(preset("7 days", 7), preset("30 days", 30), preset("90 days", 90));
        HorizontalLayout rangeBar = new HorizontalLayout(from, to, presets);
        rangeBar.setAlignItems(FlexComponent.Alignment.BASELINE);
        cards.addClassName("stat-cards");
        cards.setId("spending-cards");
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
        topKeys.addColumn(k -> k.keyName() == null ? "Portal (no key)" : k.keyName())
                .setHeader("Key");
        topKeys.addColumn(KeySpend::requests).setHeader("Requests").setTextAlign(ColumnTextAlign.END);
        topKeys.addColumn(k -> k.spend().display()).setHeader("Spend").setTextAlign(ColumnTextAlign.END);
        topKeys.setAllRowsVisible(true);
        topKeys.setId("spending-top-keys");
        topModels.addColumn(m -> m.model().value()).setHeader("Model");
        topModels.addColumn(ModelSpend::requests).setHeader("Requests").setTextAlign(ColumnTextAlign.END);
        topModels.addColumn(m -> m.spend().display()).setHeader("Spend").setTextAlign(ColumnTextAlign.END);
        topModels.setAllRowsVisible(true);
        topModels.setId("spending-top-models");
        Div tables = new Div(section("Top keys", topKeys), section("Top models", topModels));
        tables.addClassName("spending-tables");
        budgets.setPadding(false);
        budgets.setId("spending-budgets");
        VerticalLayout dashboard =
                new VerticalLayout(rangeBar, cards, chartGrid, tables, section("Key budgets", budgets));
        dashboard.setPadding(false);
        return dashboard;
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
        LocalDate start = from.getValue().isAfter(to.getValue()) ? to.getValue() : from.getValue();
        LocalDate end = to.getValue();
        TeamId id = team.team().id();
        showCards(reports.summary(id, Instant.now()));
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
        topModels.setItems(reports.topModels(id, start, end, TOP));
        showBudgets(keys.list(id), keyBudgets.ofTeam(id));
    }

    private void showCards(SpendSummary summary) {
        cards.removeAll();
        cards.add(
                card("Balance", summary.balance().display(), "card-balance"),
                card("Today", summary.today().display(), "card-today"),
                card("Last 7 days", summary.last7Days().display(), "card-7-days"),
                card("Last 30 days", summary.last30Days().display(), "card-30-days"),
                card(
                        "Balance lasts, at the last 7 days' rate",
                        summary.daysUntilBalanceRunsOut()
                                .map(d -> d.toPlainString() + " days")
                                .orElse("—"),
                        "card-days-left"));
    }

    private static Div card(String label, String value, String id) {
        Span name = new Span(label);
        name.addClassName("stat-label");
        Span number = new Span(value);
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
            if (used.compareTo(BigDecimal.ONE) >= 0) {
                bar.addThemeName("error");
            } else if (used.compareTo(new BigDecimal("0.8")) >= 0) {
                bar.addThemeName("contrast");
            }
            Span label = new Span(view.name() + " · " + key.spent().display() + " of " + budget.display() + " ("
                    + used.movePointRight(2).setScale(0, RoundingMode.DOWN) + "%)");
            VerticalLayout row = new VerticalLayout(label, bar);
            row.setPadding(false);
            row.setSpacing(false);
            row.addClassName("budget-row");
            budgets.add(row);
        }
    }
}
