package dev.tollgate.portal.usage;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.function.ValueProvider;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import dev.tollgate.account.TeamMembership;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.ApiKeyStatus;
import dev.tollgate.apikey.ApiKeyView;
import dev.tollgate.caller.AgentSession;
import dev.tollgate.caller.CallSource;
import dev.tollgate.catalog.Catalog;
import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.portal.CurrentTeam;
import dev.tollgate.portal.DisplayFormats;
import dev.tollgate.portal.ScreenWidth;
import dev.tollgate.portal.ViewHeader;
import dev.tollgate.usage.UsageCursor;
import dev.tollgate.usage.UsageEntry;
import dev.tollgate.usage.UsageFilter;
import dev.tollgate.usage.UsageHistory;
import dev.tollgate.usage.UsageKind;
import dev.tollgate.usage.UsageStatus;
import dev.tollgate.usage.UsageTotals;
import jakarta.annotation.security.PermitAll;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Every request of the team, newest first, in a grid that loads as it scrolls (keyset pages, so a million rows cost
 * no more than a hundred); filters for dates, key, model, kind, status, source and agent session; totals for the
 * filter; a row opens its detail; and a CSV download of exactly the filtered rows, streamed from the database.
 */
@Route("usage")
@PageTitle("Usage · Tollgate")
@PermitAll
public class UsageHistoryView extends VerticalLayout {

    private static final int PAGE = 100;

    private final UsageHistory history;
    private final @Nullable TeamMembership team;
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final ComboBox<ApiKeyView> key = new ComboBox<>();
    private final ComboBox<CatalogModel> model = new ComboBox<>();
    private final Select<String> kind = new Select<>();
    private final Select<String> status = new Select<>();
    private final Select<String> source = new Select<>();
    private final TextField session = new TextField();
    private final Span totals = new Span();
    private final Grid<UsageEntry> grid = new Grid<>();
    private final Anchor csv = new Anchor();

    /** Where each loaded page ended, by offset: the grid asks by offset, the history pages by cursor. */
    private final TreeMap<Integer, UsageCursor> cursors = new TreeMap<>();

    UsageHistoryView(UsageHistory history, ApiKeyService keys, Catalog catalog, CurrentTeam currentTeam) {
        this.history = history;
        this.team = currentTeam.get().orElse(null);
        if (team == null) {
            add(new ViewHeader("Usage", "You are not a member of any team yet. Ask a platform admin to add you."));
            return;
        }
        csv.setHref(exportHandler());
        csv.getElement().setAttribute("download", true);
        csv.setText("Download CSV");
        csv.setId("usage-csv");
        csv.addClassName("usage-csv");
        add(new ViewHeader(
                "Usage",
                "Every request " + team.team().name() + " made, through the API or the portal. Requests refused"
                        + " before reaching a model (402, 403, 429) cost nothing and are not listed.",
                csv));
        add(filters(keys.list(team.team().id()), catalog.all()));
        totals.setId("usage-totals");
        totals.addClassName("usage-totals");
        add(totals);
        configureGrid();
        add(grid);
        setSizeFull();
        refresh();
    }

    private HorizontalLayout filters(List<ApiKeyView> teamKeys, List<CatalogModel> models) {
        from.setPlaceholder("From");
        from.setId("usage-from");
        to.setPlaceholder("To");
        to.setId("usage-to");
        key.setPlaceholder("All keys");
        key.setItems(teamKeys);
        // two keys may share a name; the masked suffix and a revoked mark tell them apart
        key.setItemLabelGenerator(
                k -> k.name() + " · " + k.maskedKey() + (k.status() == ApiKeyStatus.REVOKED ? " (revoked)" : ""));
        key.setId("usage-key");
        model.setPlaceholder("All models");
        model.setItems(models);
        model.setItemLabelGenerator(m -> m.id().value());
        model.setId("usage-model");
        model.setWidth("20rem");
        kind.setItems(Stream.concat(
                        Stream.of("All kinds"), Stream.of(UsageKind.values()).map(UsageLabels::kind))
                .toList());
        kind.setValue("All kinds");
        kind.setId("usage-kind");
        status.setItems(Stream.concat(
                        Stream.of("All statuses"),
                        Stream.of(UsageStatus.values()).map(UsageLabels::status))
                .toList());
        status.setValue("All statuses");
        status.setId("usage-status");
        source.setItems(Stream.concat(
                        Stream.of("All sources"), Stream.of(CallSource.values()).map(UsageLabels::source))
                .toList());
        source.setValue("All sources");
        source.setId("usage-source");
        session.setPlaceholder("Session id");
        session.setId("usage-session");
        session.setMaxLength(AgentSession.MAX_LENGTH);
        session.setWidth("20rem");
        session.setAllowedCharPattern("[!-~]");
        session.setClearButtonVisible(true);
        session.setValueChangeMode(ValueChangeMode.ON_CHANGE);
        session.addValueChangeListener(e -> refresh());
        for (var field : List.of(from, to)) {
            // the range is checked here, not by the pickers, so a refused range never reaches the history
            field.setManualValidation(true);
            field.setClearButtonVisible(true);
            field.addValueChangeListener(e -> refresh());
        }
        key.setClearButtonVisible(true);
        key.addValueChangeListener(e -> refresh());
        model.setClearButtonVisible(true);
        model.addValueChangeListener(e -> refresh());
        for (var select : List.of(kind, status, source)) {
            select.addValueChangeListener(e -> refresh());
        }
        HorizontalLayout bar = new HorizontalLayout(from, to, key, model, kind, status, source, session);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.addClassName("usage-filters");
        bar.setWidthFull();
        return bar;
    }

    private void configureGrid() {
        grid.setId("usage-grid");
        // the columns a request is told apart by fit a desk screen; the rest are in its detail (a click on the row)
        grid.addColumn(entry -> DisplayFormats.dateTimeSeconds(entry.createdAt()))
                .setHeader("Time")
                .setWidth("14rem")
                .setFlexGrow(0)
                .setKey("time");
        Grid.Column<UsageEntry> caller = grid.addColumn(UsageHistoryView::caller)
                .setHeader("Key or user")
                .setTooltipGenerator(UsageHistoryView::caller)
                .setWidth("8rem")
                .setFlexGrow(1)
                .setKey("caller");
        Grid.Column<UsageEntry> session = grid.addColumn(entry -> UsageLabels.shortSession(entry.session()))
                .setHeader("Session")
                .setTooltipGenerator(entry -> entry.session() == null ? "" : entry.session())
                .setWidth("5.5rem")
                .setFlexGrow(0);
        grid.addColumn(UsageLabels::model)
                .setHeader("Model")
                .setTooltipGenerator(UsageLabels::model)
                .setWidth("10rem")
                .setFlexGrow(2)
                .setKey("model");
        Grid.Column<UsageEntry> kindColumn = grid.addColumn(entry -> UsageLabels.kind(entry.kind()))
                .setHeader("Kind")
                .setAutoWidth(true)
                .setFlexGrow(0);
        Grid.Column<UsageEntry> in = tokens("In", entry -> entry.tokens().input());
        Grid.Column<UsageEntry> out = tokens("Out", entry -> entry.tokens().output());
        Grid.Column<UsageEntry> reasoning = tokens("Reasoning", UsageEntry::reasoningTokens)
                .setTooltipGenerator(entry -> "Of the output tokens, spent reasoning");
        grid.addColumn(entry -> DisplayFormats.cost(entry.totalCost()))
                .setHeader("Cost")
                .setTooltipGenerator(entry -> DisplayFormats.exactMoney(entry.totalCost()))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("cost");
        Grid.Column<UsageEntry> latency = grid.addColumn(
                        entry -> entry.latency().toMillis() + " ms")
                .setHeader("Latency")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("latency");
        grid.addColumn(entry -> UsageLabels.status(entry.status()))
                .setHeader("Status")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("status");
        grid.setEmptyStateText("No requests match these filters.");
        grid.addItemClickListener(click -> new UsageEntryDialog(click.getItem()).open());
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addClassName("money-grid");
        grid.setSizeFull();
        List<Grid.Column<UsageEntry>> deskOnly = List.of(caller, session, kindColumn, in, out, reasoning, latency);
        ScreenWidth.follow(grid, narrow -> {
            deskOnly.forEach(column -> column.setVisible(!narrow));
            // on a phone the time and model wrap onto two lines rather than push cost and status out of sight
            if (narrow) {
                grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
            } else {
                grid.removeThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
            }
            grid.getColumnByKey("time").setWidth(narrow ? "5.5rem" : "14rem");
            grid.getColumnByKey("model").setWidth(narrow ? "4rem" : "10rem");
            for (String key : List.of("cost", "status")) {
                Grid.Column<UsageEntry> column = grid.getColumnByKey(key);
                if (narrow) {
                    column.setAutoWidth(false).setWidth(key.equals("cost") ? "6.5rem" : "5.5rem");
                } else {
                    column.setAutoWidth(true);
                }
            }
            if (!narrow) {
                grid.recalculateColumnWidths();
            }
        });
    }

    private Grid.Column<UsageEntry> tokens(String header, ValueProvider<UsageEntry, Long> count) {
        return grid.addColumn(count)
                .setHeader(header)
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
    }

    /** The key a request came through, or the person who made it in the portal. */
    private static String caller(UsageEntry entry) {
        if (entry.apiKeyName() != null) {
            return entry.apiKeyName();
        }
        return entry.userEmail() == null ? "—" : entry.userEmail();
    }

    private void refresh() {
        if (team == null) {
            return;
        }
        boolean backwards = from.getValue() != null
                && to.getValue() != null
                && from.getValue().isAfter(to.getValue());
        to.setInvalid(backwards);
        to.setErrorMessage(backwards ? "The end comes before the start (" + from.getValue() + ")" : null);
        if (backwards) {
            // no rows rather than the last range's: a grid left as it was reads as the answer to the new range
            cursors.clear();
            grid.setItems(List.of());
            totals.setText("No requests: the end comes before the start.");
            return;
        }
        UsageFilter filter = filter();
        cursors.clear();
        UsageTotals sums = history.totals(team.team().id(), filter);
        totals.setText(String.format(
                Locale.ROOT,
                "%,d %s · %,d tokens in · %,d out (%,d reasoning) · %,d cache read · %,d cache write"
                        + " · %,d cache write 1h · %s",
                sums.requests(),
                sums.requests() == 1 ? "request" : "requests",
                sums.tokens().input(),
                sums.tokens().output(),
                sums.reasoningTokens(),
                sums.tokens().cacheRead(),
                sums.tokens().cacheWrite(),
                sums.tokens().cacheWrite1h(),
                DisplayFormats.money(sums.totalCost())));
        totals.setTitle("Cost of these requests: " + DisplayFormats.exactMoney(sums.totalCost()));
        grid.setItems(query -> page(filter, query.getOffset(), query.getLimit()));
    }

    /** Rows {@code offset} to {@code offset + limit}, walking keyset pages from the nearest cursor before them. */
    private Stream<UsageEntry> page(UsageFilter filter, int offset, int limit) {
        var known = cursors.floorEntry(offset);
        int position = known == null ? 0 : known.getKey();
        UsageCursor cursor = known == null ? null : known.getValue();
        List<UsageEntry> rows = new ArrayList<>();
        while (position < offset + limit) {
            List<UsageEntry> page = history.page(team.team().id(), filter, cursor, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (UsageEntry entry : page) {
                if (position >= offset && position < offset + limit) {
                    rows.add(entry);
                }
                position++;
            }
            cursor = new UsageCursor(page.getLast().createdAt(), page.getLast().id());
            cursors.put(position, cursor);
            if (page.size() < PAGE) {
                break;
            }
        }
        return rows.stream();
    }

    private UsageFilter filter() {
        LocalDate fromDate = from.getValue();
        LocalDate toDate = to.getValue();
        return new UsageFilter(
                fromDate == null ? null : fromDate.atStartOfDay().toInstant(ZoneOffset.UTC),
                toDate == null ? null : toDate.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                key.getValue() == null ? null : key.getValue().id(),
                model.getValue() == null ? null : model.getValue().id(),
                Stream.of(UsageKind.values())
                        .filter(k -> UsageLabels.kind(k).equals(kind.getValue()))
                        .findFirst()
                        .orElse(null),
                Stream.of(UsageStatus.values())
                        .filter(s -> UsageLabels.status(s).equals(status.getValue()))
                        .findFirst()
                        .orElse(null),
                Stream.of(CallSource.values())
                        .filter(s -> UsageLabels.source(s).equals(source.getValue()))
                        .findFirst()
                        .orElse(null),
                session.isEmpty() ? null : new AgentSession(session.getValue().strip()));
    }

    /** Streams the rows the filters select at the moment of the download, straight from the database. */
    private DownloadHandler exportHandler() {
        return event -> {
            if (team == null) {
                return;
            }
            event.setFileName("tollgate-usage-" + LocalDate.now(ZoneOffset.UTC) + ".csv");
            event.setContentType("text/csv");
            try (Writer out = new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8)) {
                history.exportCsv(team.team().id(), filter(), out);
            }
        };
    }
}
