package dev.tollgate.portal.usage;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import dev.tollgate.account.TeamMembership;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.ApiKeyView;
import dev.tollgate.caller.AgentSession;
import dev.tollgate.caller.CallSource;
import dev.tollgate.catalog.Catalog;
import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.portal.CurrentTeam;
import dev.tollgate.portal.DisplayFormats;
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
                "Usage", "Every request " + team.team().name() + " made, through the API or the portal.", csv));
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
        key.setItemLabelGenerator(ApiKeyView::name);
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
        grid.addColumn(entry -> DisplayFormats.dateTime(entry.createdAt()))
                .setHeader("Time")
                .setAutoWidth(true);
        grid.addColumn(entry -> entry.apiKeyName() == null ? "—" : entry.apiKeyName())
                .setHeader("Key")
                .setAutoWidth(true);
        grid.addColumn(entry -> UsageLabels.shortSession(entry.session()))
                .setHeader("Session")
                .setTooltipGenerator(entry -> entry.session() == null ? "" : entry.session())
                .setAutoWidth(true);
        grid.addColumn(entry -> entry.userEmail() == null ? "—" : entry.userEmail())
                .setHeader("User")
                .setAutoWidth(true);
        grid.addColumn(entry -> UsageLabels.source(entry.source()))
                .setHeader("Source")
                .setAutoWidth(true);
        grid.addColumn(UsageLabels::model).setHeader("Model").setAutoWidth(true);
        grid.addColumn(entry -> UsageLabels.kind(entry.kind()))
                .setHeader("Kind")
                .setAutoWidth(true);
        grid.addColumn(entry -> entry.tokens().input()).setHeader("In").setTextAlign(ColumnTextAlign.END);
        grid.addColumn(entry -> entry.tokens().output()).setHeader("Out").setTextAlign(ColumnTextAlign.END);
        grid.addColumn(UsageEntry::reasoningTokens)
                .setHeader("Reasoning")
                .setTooltipGenerator(entry -> "Of the output tokens, spent reasoning")
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(entry -> entry.tokens().cacheRead())
                .setHeader("Cache read")
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(entry -> entry.tokens().cacheWrite())
                .setHeader("Cache write")
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(entry -> entry.tokens().cacheWrite1h())
                .setHeader("Cache write 1h")
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(entry -> entry.totalCost().toPlainString())
                .setHeader("Cost (Cr$)")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(entry -> entry.latency().toMillis() + " ms")
                .setHeader("Latency")
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(entry -> entry.timeToFirstToken() == null
                        ? "—"
                        : entry.timeToFirstToken().toMillis() + " ms")
                .setHeader("First token")
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(entry -> UsageLabels.status(entry.status()))
                .setHeader("Status")
                .setAutoWidth(true);
        grid.addItemClickListener(click -> new UsageEntryDialog(click.getItem()).open());
        grid.setSizeFull();
    }

    private void refresh() {
        if (team == null) {
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
                sums.totalCost().display()));
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
