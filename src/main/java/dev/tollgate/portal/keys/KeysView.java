package dev.tollgate.portal.keys;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.tollgate.account.TeamMembership;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.ApiKeyStatus;
import dev.tollgate.apikey.ApiKeyView;
import dev.tollgate.billing.KeyBudget;
import dev.tollgate.billing.KeyBudgets;
import dev.tollgate.catalog.Catalog;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.money.Credits;
import dev.tollgate.portal.CurrentTeam;
import dev.tollgate.portal.DisplayFormats;
import dev.tollgate.portal.NarrowScreenColumns;
import dev.tollgate.portal.Notices;
import dev.tollgate.portal.ViewHeader;
import jakarta.annotation.security.PermitAll;
import java.math.RoundingMode;
import java.util.Map;
import java.util.stream.Collectors;

/** The team's {@code vai-} keys: every member sees them; owners and admins create and revoke them. */
@Route("keys")
@PageTitle("API keys · Tollgate")
@PermitAll
class KeysView extends VerticalLayout {

    private final ApiKeyService keys;
    private final KeyBudgets budgets;
    private Map<ApiKeyId, KeyBudget> spent = Map.of();
    private final Grid<ApiKeyView> grid = new Grid<>();
    private final Div emptyState = new Div();
    private final Catalog catalog;

    KeysView(ApiKeyService keys, KeyBudgets budgets, Catalog catalog, CurrentTeam currentTeam) {
        this.keys = keys;
        this.budgets = budgets;
        this.catalog = catalog;
        TeamMembership team = currentTeam.get().orElse(null);
        if (team == null) {
            add(new ViewHeader("API keys", "You are not a member of any team yet. Ask a platform admin to add you."));
            return;
        }
        boolean canManage = team.role().canManageKeys();
        Button create = new Button(
                "Create key",
                VaadinIcon.PLUS.create(),
                e -> new CreateKeyDialog(keys, catalog, team.team().id(), issued -> {
                            refresh(team);
                            new KeyCreatedDialog(issued).open();
                        })
                        .open());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-key");
        create.setVisible(canManage);
        add(new ViewHeader(
                "API keys",
                canManage
                        ? "Keys for " + team.team().name() + ". Use them with any OpenAI or Anthropic SDK."
                        : "Keys for " + team.team().name()
                                + ". Ask an owner or admin of the team to create or revoke keys.",
                create));

        configureGrid(canManage, team);
        emptyState.setText("No keys yet." + (canManage ? " Create one to call the API." : ""));
        emptyState.addClassName("empty-state");
        add(grid, emptyState);
        setSizeFull();
        refresh(team);
    }

    private void configureGrid(boolean canManage, TeamMembership team) {
        grid.setId("keys-grid");
        // names and model lists have no natural width: they share what is left, cut with an ellipsis, whole on hover
        grid.addComponentColumn(KeysView::nameCell)
                .setHeader("Name")
                .setWidth("6rem")
                .setFlexGrow(2)
                .setTooltipGenerator(ApiKeyView::name);
        Grid.Column<ApiKeyView> created = grid.addColumn(key -> DisplayFormats.date(key.createdAt()))
                .setHeader("Created")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setTooltipGenerator(key -> DisplayFormats.dateTime(key.createdAt()));
        Grid.Column<ApiKeyView> lastUsed = grid.addColumn(
                        key -> key.lastUsedAt() == null ? "Never" : DisplayFormats.dateTime(key.lastUsedAt()))
                .setHeader("Last used")
                .setAutoWidth(true)
                .setFlexGrow(0);
        Grid.Column<ApiKeyView> spentColumn = grid.addComponentColumn(this::spending)
                .setHeader("Spent")
                .setAutoWidth(true)
                .setFlexGrow(0);
        Grid.Column<ApiKeyView> models = grid.addColumn(KeysView::models)
                .setHeader("Models")
                .setWidth("8rem")
                .setFlexGrow(1)
                .setTooltipGenerator(KeysView::models);
        Grid.Column<ApiKeyView> rpm = grid.addColumn(key -> key.requestsPerMinute() == null
                        ? "—"
                        : key.requestsPerMinute().toString())
                .setHeader("RPM")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        Grid.Column<ApiKeyView> expires = grid.addColumn(
                        key -> key.expiresAt() == null ? "Never" : DisplayFormats.dateTime(key.expiresAt()))
                .setHeader("Expires")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(KeysView::status)
                .setHeader("Status")
                .setWidth("6rem")
                .setFlexGrow(0);
        if (canManage) {
            grid.addComponentColumn(key -> actions(key, team))
                    .setWidth("8.5rem")
                    .setFlexGrow(0);
        }
        NarrowScreenColumns.hide(grid, created, lastUsed, spentColumn, models, rpm, expires);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
    }

    private Component actions(ApiKeyView key, TeamMembership team) {
        Button edit = new Button(
                "Edit",
                e -> new EditKeyDialog(
                                keys,
                                catalog,
                                key,
                                spent.getOrDefault(key.id(), KeyBudget.none(key.id()))
                                        .budget(),
                                changed -> {
                                    refresh(team);
                                    Notices.done("Saved " + changed.name());
                                })
                        .open());
        edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        edit.setVisible(key.status() != ApiKeyStatus.REVOKED);
        edit.getElement().setAttribute("aria-label", "Edit " + key.name());
        Button revoke = new Button("Revoke", e -> confirmRevoke(key, team));
        revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        revoke.setEnabled(key.status() == ApiKeyStatus.ACTIVE);
        revoke.setVisible(key.status() != ApiKeyStatus.REVOKED);
        revoke.getElement().setAttribute("aria-label", "Revoke " + key.name());
        Div cell = new Div(edit, revoke);
        cell.addClassName("row-actions");
        return cell;
    }

    private void confirmRevoke(ApiKeyView key, TeamMembership team) {
        ConfirmDialog confirm = new ConfirmDialog(
                "Revoke “" + key.name() + "”?",
                "Requests made with " + key.maskedKey() + " are refused from now on. This cannot be undone.",
                "Revoke key",
                e -> {
                    keys.revoke(key.id());
                    refresh(team);
                    Notification.show("Revoked " + key.name(), 3000, Notification.Position.BOTTOM_END)
                            .addThemeVariants(NotificationVariant.LUMO_CONTRAST);
                });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }

    private void refresh(TeamMembership team) {
        var items = keys.list(team.team().id());
        spent = budgets.ofTeam(team.team().id());
        grid.setItems(items);
        grid.setVisible(!items.isEmpty());
        emptyState.setVisible(items.isEmpty());
    }

    private Component spending(ApiKeyView view) {
        KeyBudget key = spent.getOrDefault(view.id(), KeyBudget.none(view.id()));
        Credits budget = key.budget();
        if (budget == null) {
            return new Span(DisplayFormats.cost(key.spent()));
        }
        Span text = new Span(DisplayFormats.cost(key.spent()) + " of " + DisplayFormats.money(budget));
        ProgressBar bar = new ProgressBar(
                0,
                1,
                Math.min(
                        1,
                        key.spent()
                                .amount()
                                .divide(budget.amount(), 4, RoundingMode.HALF_UP)
                                .doubleValue()));
        bar.addClassName("budget-bar");
        Div cell = new Div(text, bar);
        cell.addClassName("budget-cell");
        return cell;
    }

    /** The name, cut with an ellipsis, over the masked key, which tells keys apart at a glance. */
    private static Component nameCell(ApiKeyView key) {
        Span name = new Span(key.name());
        name.addClassName("long-name");
        Span masked = new Span(key.maskedKey());
        masked.addClassName("masked-key");
        Div cell = new Div(name, masked);
        cell.addClassName("key-name-cell");
        return cell;
    }

    private static String models(ApiKeyView key) {
        if (key.allowsAllModels()) {
            return "All models";
        }
        return key.allowedModels().stream().map(ModelId::value).sorted().collect(Collectors.joining(", "));
    }

    private static Component status(ApiKeyView key) {
        Badge badge = new Badge(key.status().label());
        badge.addThemeVariants(
                switch (key.status()) {
                    case ACTIVE -> BadgeVariant.SUCCESS;
                    case EXPIRED -> BadgeVariant.WARNING;
                    case REVOKED -> BadgeVariant.ERROR;
                });
        return badge;
    }
}
