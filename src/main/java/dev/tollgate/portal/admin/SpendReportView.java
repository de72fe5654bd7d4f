package dev.tollgate.portal.admin;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.tollgate.account.PlatformRoles;
import dev.tollgate.money.Credits;
import dev.tollgate.portal.DisplayFormats;
import dev.tollgate.portal.NarrowScreenColumns;
import dev.tollgate.portal.ViewHeader;
import dev.tollgate.portal.charts.Bar;
import dev.tollgate.portal.charts.Chart;
import dev.tollgate.portal.charts.HorizontalBars;
import dev.tollgate.usage.SpendReports;
import dev.tollgate.usage.TeamModelSpend;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Platform admins' report across teams: spend per team and model for a date range, with each team's total charted. */
@Route("admin/spending")
@PageTitle("Spending by team · Tollgate")
@RolesAllowed(PlatformRoles.PLATFORM_ADMIN)
class SpendReportView extends VerticalLayout {

    private final SpendReports reports;
    private final DatePicker from = new DatePicker("From");
    private final DatePicker to = new DatePicker("To");
    private final Chart perTeam = new Chart("Spend per team");
    private final Grid<TeamModelSpend> grid = new Grid<>();
    private final Span total = new Span();
    private final TextField teamFilter = new TextField("Team");

    SpendReportView(SpendReports reports) {
        this.reports = reports;
        add(new ViewHeader("Spending by team", "What every team spent, per model, in the chosen days (UTC)."));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        from.setValue(today.minusDays(29));
        to.setValue(today);
        from.setId("report-from");
        to.setId("report-to");
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        teamFilter.setPlaceholder("Any team");
        teamFilter.setClearButtonVisible(true);
        teamFilter.setValueChangeMode(ValueChangeMode.LAZY);
        teamFilter.setId("report-team");
        teamFilter.addValueChangeListener(e -> refresh());
        total.setId("report-total");
        total.addClassName("section-note");
        HorizontalLayout range = new HorizontalLayout(from, to, teamFilter, total);
        range.setAlignItems(FlexComponent.Alignment.BASELINE);
        perTeam.setId("report-chart");
        perTeam.setWidthFull();
        perTeam.setHeight("18rem");
        grid.setId("report-grid");
        grid.addColumn(TeamModelSpend::teamName)
                .setHeader("Team")
                .setSortable(true)
                .setWidth("6rem")
                .setFlexGrow(1)
                .setTooltipGenerator(TeamModelSpend::teamName);
        grid.addColumn(row -> row.model().value())
                .setHeader("Model")
                .setSortable(true)
                .setWidth("6rem")
                .setFlexGrow(1)
                .setTooltipGenerator(row -> row.model().value());
        Grid.Column<TeamModelSpend> requests = grid.addColumn(TeamModelSpend::requests)
                .setHeader("Requests")
                .setTextAlign(ColumnTextAlign.END)
                .setWidth("6.5rem")
                .setFlexGrow(0)
                .setSortable(true);
        // a phone keeps who, what and how much
        NarrowScreenColumns.hide(grid, requests);
        grid.addColumn(row -> DisplayFormats.money(row.spend()))
                .setHeader("Spend")
                .setWidth("6.5rem")
                .setFlexGrow(0)
                .setTooltipGenerator(row -> DisplayFormats.exactMoney(row.spend()))
                .setTextAlign(ColumnTextAlign.END)
                .setComparator(row -> row.spend().amount());
        grid.setHeight("28rem");
        add(range, perTeam, grid);
        setWidthFull();
        refresh();
    }

    private void refresh() {
        if (from.getValue() == null || to.getValue() == null) {
            return;
        }
        LocalDate start = from.getValue().isAfter(to.getValue()) ? to.getValue() : from.getValue();
        String wanted = teamFilter.getValue() == null
                ? ""
                : teamFilter.getValue().strip().toLowerCase();
        List<TeamModelSpend> rows = reports.crossTeam(start, to.getValue()).stream()
                .filter(row -> row.teamName().toLowerCase().contains(wanted))
                .toList();
        grid.setItems(rows);
        Map<String, Credits> byTeam = new TreeMap<>();
        Credits all = Credits.ZERO;
        for (TeamModelSpend row : rows) {
            byTeam.merge(row.teamName(), row.spend(), Credits::plus);
            all = all.plus(row.spend());
        }
        total.setText(byTeam.size() + (byTeam.size() == 1 ? " team · " : " teams · ") + DisplayFormats.money(all));
        total.setTitle(DisplayFormats.exactMoney(all));
        perTeam.show(HorizontalBars.credits(byTeam.entrySet().stream()
                .map(e -> new Bar(e.getKey(), e.getValue().amount()))
                .toList()));
    }
}
