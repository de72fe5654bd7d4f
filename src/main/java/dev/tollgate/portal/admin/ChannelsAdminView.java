package dev.tollgate.portal.admin;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import dev.tollgate.account.PlatformRoles;
import dev.tollgate.portal.DisplayFormats;
import dev.tollgate.portal.NarrowScreenColumns;
import dev.tollgate.portal.Notices;
import dev.tollgate.portal.ViewHeader;
import dev.tollgate.portal.charts.Bar;
import dev.tollgate.portal.charts.Chart;
import dev.tollgate.portal.charts.HorizontalBars;
import dev.tollgate.portal.charts.Measure;
import dev.tollgate.provider.channel.ChannelHealth;
import dev.tollgate.provider.channel.ChannelId;
import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.provider.channel.ChannelView;
import dev.tollgate.provider.channel.InvalidChannelException;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Platform admins: the upstream channels models are sent to, the built-in simulator's among them, with each one's
 * circuit state, recent error rate and latency on this instance (refreshed every few seconds), and the dialogs that add
 * and edit them.
 */
@Route("admin/channels")
@PageTitle("Channels · Admin · Tollgate")
@RolesAllowed(PlatformRoles.PLATFORM_ADMIN)
class ChannelsAdminView extends VerticalLayout {

    private static final int REFRESH_MILLIS = 5000;

    private final ChannelService channels;
    private final Grid<Row> grid = new Grid<>();
    private final Chart latency = new Chart("Median time to first answer (ms), last 5 minutes");
    private final Chart errors = new Chart("Failed calls (%), last 5 minutes");
    private final HorizontalLayout charts = new HorizontalLayout();
    private final Span empty = new Span(
            "No upstream channels yet: the built-in simulator answers for every model while it is on. Add a channel "
                    + "to send models to a real upstream.");
    private @Nullable Registration polling;

    /** A channel with its health read once per refresh. */
    record Row(ChannelView channel, ChannelHealth health) {}

    ChannelsAdminView(ChannelService channels) {
        this.channels = channels;
        Button add = new Button("Add channel", VaadinIcon.PLUS.create(), e -> edit(null));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("add-channel");
        add(new ViewHeader(
                "Upstream channels",
                "Where each model is sent. Lower priority numbers are tried first, weight shares traffic within a "
                        + "priority; a failing channel is skipped until it recovers. The built-in simulator answers "
                        + "for the models no other enabled channel serves, while it is switched on.",
                add));
        columns();
        grid.setId("channels-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.addItemClickListener(click -> edit(click.getItem().channel()));
        latency.setId("channels-latency");
        errors.setId("channels-errors");
        latency.setEmptyMessage("No calls in the last 5 minutes");
        errors.setEmptyMessage("No calls in the last 5 minutes");
        charts.add(latency, errors);
        for (Chart chart : List.of(latency, errors)) {
            // side by side while both fit, one under the other on a phone
            chart.setWidth("18rem");
            chart.setHeight("14rem");
            charts.setFlexGrow(1, chart);
        }
        charts.setWrap(true);
        charts.setWidthFull();
        empty.setId("channels-empty");
        empty.addClassName("section-note");
        add(grid, empty, charts);
        refresh();
    }

    private void columns() {
        // the name and address cell is cut with an ellipsis (whole on hover) rather than clipped at the column's edge
        grid.addComponentColumn(this::nameCell)
                .setHeader("Channel")
                .setWidth("9rem")
                .setFlexGrow(2);
        Grid.Column<Row> models = grid.addColumn(row -> models(row.channel()))
                .setHeader("Models")
                .setWidth("8rem")
                .setFlexGrow(2);
        Grid.Column<Row> priority = grid.addColumn(row -> row.channel().kind().builtIn()
                        ? "last"
                        : row.channel().priority() + " / " + row.channel().weight())
                .setHeader("Priority / weight")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(this::enabledCell)
                .setHeader("Enabled")
                .setAutoWidth(true)
                .setFlexGrow(0);
        Grid.Column<Row> circuit = grid.addComponentColumn(row -> circuit(row.health()))
                .setHeader("Circuit")
                .setAutoWidth(true)
                .setFlexGrow(0);
        Grid.Column<Row> recent = grid.addColumn(row -> recent(row.health()))
                .setHeader("Last 5 minutes")
                .setWidth("7rem")
                .setFlexGrow(1);
        Grid.Column<Row> lastError = grid.addColumn(row -> lastError(row.health()))
                .setHeader("Last error")
                .setWidth("8rem")
                .setFlexGrow(3);
        NarrowScreenColumns.hide(grid, models, priority, circuit, recent, lastError);
    }

    /**
     * The name (with a badge when it is built in or comes from configuration), and its kind and address underneath.
     */
    private Div nameCell(Row row) {
        ChannelView channel = row.channel();
        Span name = new Span(channel.name());
        name.addClassName("channel-name");
        name.setTitle(channel.name());
        Div title = new Div(name);
        if (channel.kind().builtIn()) {
            Badge builtIn = new Badge("built in");
            builtIn.getElement().setAttribute("title", "Part of Tollgate: it can be switched off, not deleted");
            title.add(new Span(" "), builtIn);
        }
        if (channel.fromConfig()) {
            Badge config = new Badge("config");
            config.addThemeVariants(BadgeVariant.CONTRAST);
            config.getElement()
                    .setAttribute(
                            "title",
                            channel.kind().builtIn()
                                    ? "Switched by TOLLGATE_SIMULATOR_ENABLED"
                                    : "Defined in tollgate.channels");
            title.add(new Span(" "), config);
        }
        if (channel.speaksResponses()) {
            Badge responses = new Badge("Responses");
            responses.getElement().setAttribute("title", "Requests to /v1/responses go to its /responses as sent");
            title.add(new Span(" "), responses);
        }
        Span where = new Span(channel.kind().id() + " · "
                + (channel.baseUrl() == null ? "in the application, no upstream" : channel.baseUrl()));
        where.addClassName("section-note");
        where.addClassName("channel-where");
        where.setTitle(where.getText());
        title.addClassName("channel-title");
        return new Div(title, where);
    }

    private Checkbox enabledCell(Row row) {
        Checkbox enabled = new Checkbox(row.channel().enabled());
        enabled.setAriaLabel("Enabled");
        enabled.setReadOnly(row.channel().fromConfig());
        enabled.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            try {
                channels.setEnabled(row.channel().id(), e.getValue());
                Notices.done(row.channel().name() + (e.getValue() ? " enabled" : " disabled"));
            } catch (InvalidChannelException failure) {
                Notices.failed(failure.getMessage());
            }
            refresh();
        });
        return enabled;
    }

    private static Badge circuit(ChannelHealth health) {
        Badge badge = new Badge(
                switch (health.circuit()) {
                    case CLOSED -> health.coolingUntil() == null ? "Closed" : "Waiting (retry-after)";
                    case OPEN -> "Open";
                    case HALF_OPEN -> "Half-open";
                });
        badge.addThemeVariants(
                switch (health.circuit()) {
                    case CLOSED -> health.coolingUntil() == null ? BadgeVariant.SUCCESS : BadgeVariant.WARNING;
                    case OPEN -> BadgeVariant.ERROR;
                    case HALF_OPEN -> BadgeVariant.WARNING;
                });
        return badge;
    }

    private static String recent(ChannelHealth health) {
        if (health.attempts() == 0) {
            return "No calls";
        }
        String calls = health.attempts() == 1 ? "1 call" : health.attempts() + " calls";
        String latency = health.medianLatency() == null
                ? ""
                : " · " + health.medianLatency().toMillis() + " ms";
        return calls + " · " + Math.round(health.errorRate() * 100) + "% failed" + latency;
    }

    private static String lastError(ChannelHealth health) {
        if (health.lastError() == null || health.lastErrorAt() == null) {
            return "";
        }
        return DisplayFormats.dateTime(health.lastErrorAt()) + " · " + health.lastError();
    }

    private static String models(ChannelView channel) {
        return channel.kind().builtIn()
                ? "Every model no other enabled channel serves"
                : String.join(", ", channel.models().keySet());
    }

    private void edit(@Nullable ChannelView channel) {
        if (channel != null && channel.kind().builtIn()) {
            new SimulatorDialog(channels, channel, this::refresh).open();
        } else {
            new ChannelDialog(channels, channel, this::refresh).open();
        }
    }

    private void refresh() {
        Map<ChannelId, ChannelHealth> health = channels.health();
        List<Row> rows = channels.list().stream()
                .map(view -> new Row(view, health.getOrDefault(view.id(), ChannelHealth.UNUSED)))
                .toList();
        grid.setItems(rows);
        empty.setVisible(rows.stream().allMatch(row -> row.channel().kind().builtIn()));
        List<Row> used =
                rows.stream().filter(row -> row.health().attempts() > 0).toList();
        latency.show(new HorizontalBars(
                used.stream()
                        .filter(row -> row.health().medianLatency() != null)
                        .map(row -> new Bar(
                                row.channel().name(),
                                BigDecimal.valueOf(row.health().medianLatency().toMillis())))
                        .toList(),
                Measure.COUNT));
        errors.show(new HorizontalBars(
                used.stream()
                        .map(row -> new Bar(
                                row.channel().name(),
                                BigDecimal.valueOf(Math.round(row.health().errorRate() * 100))))
                        .toList(),
                Measure.PERCENT));
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        attach.getUI().setPollInterval(REFRESH_MILLIS);
        polling = attach.getUI().addPollListener(poll -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        detach.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
            polling = null;
        }
    }
}
