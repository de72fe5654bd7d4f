package dev.tollgate.portal.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSingleSelectionModel;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.tollgate.account.PlatformRoles;
import dev.tollgate.account.TeamService;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.billing.BillingService;
import dev.tollgate.money.Credits;
import dev.tollgate.portal.BalanceChanged;
import dev.tollgate.portal.DisplayFormats;
import dev.tollgate.portal.MoneyLabel;
import dev.tollgate.portal.NarrowScreenColumns;
import dev.tollgate.portal.ViewHeader;
import dev.tollgate.portal.team.AddMemberDialog;
import dev.tollgate.portal.team.MembersGrid;
import dev.tollgate.portal.team.RenameTeamDialog;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Platform admins: every team, with its balance; create teams, top them up and manage their members. */
@Route("admin/teams")
@PageTitle("Teams · Admin · Tollgate")
@RolesAllowed(PlatformRoles.PLATFORM_ADMIN)
class TeamsAdminView extends VerticalLayout {

    private final TeamService teams;
    private final BillingService billing;
    private final Grid<TeamRow> grid = new Grid<>();
    private final TextField search = new TextField();
    private final VerticalLayout detail = new VerticalLayout();

    /** A team with its balance read once for the grid. */
    record TeamRow(TeamSummary team, Credits balance) {}

    TeamsAdminView(TeamService teams, BillingService billing) {
        this.teams = teams;
        this.billing = billing;
        Button newTeam = new Button(
                "New team",
                VaadinIcon.PLUS.create(),
                e -> new NewTeamDialog(teams, created -> {
                            refresh(created);
                        })
                        .open());
        newTeam.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        newTeam.setId("new-team");
        add(new ViewHeader("Teams", "Create teams, add credit and manage who belongs to them.", newTeam));

        grid.setId("teams-grid");
        // a name takes what the balance leaves, cut with an ellipsis and whole on hover
        grid.addColumn(row -> row.team().name())
                .setHeader("Team")
                .setWidth("8rem")
                .setFlexGrow(1)
                .setTooltipGenerator(row -> row.team().name());
        grid.addColumn(row -> DisplayFormats.money(row.balance()))
                .setHeader("Balance")
                .setTooltipGenerator(row -> DisplayFormats.exactMoney(row.balance()))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        Grid.Column<TeamRow> created = grid.addColumn(
                        row -> DisplayFormats.date(row.team().createdAt()))
                .setHeader("Created")
                .setAutoWidth(true)
                .setFlexGrow(0);
        NarrowScreenColumns.hide(grid, created);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        // clicking the selected team again keeps it: the panel beside the list never goes blank under the pointer
        ((GridSingleSelectionModel<TeamRow>) grid.getSelectionModel()).setDeselectAllowed(false);
        grid.asSingleSelect().addValueChangeListener(e -> showDetail(e.getValue()));
        grid.setHeightFull();

        search.setPlaceholder("Search teams");
        search.setAriaLabel("Search teams");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setWidthFull();
        search.setId("team-search");
        search.addValueChangeListener(e -> grid.getListDataView().setFilter(row -> matches(row, e.getValue())));
        VerticalLayout master = new VerticalLayout(search, grid);
        master.setPadding(false);
        master.addClassName("admin-master");
        master.setHeightFull();
        master.setFlexGrow(1, grid);

        detail.addClassName("admin-detail");
        detail.setPadding(false);
        HorizontalLayout masterDetail = new HorizontalLayout(master, detail);
        masterDetail.addClassName("admin-split");
        masterDetail.setSizeFull();
        add(masterDetail);
        setSizeFull();
        refresh(null);
    }

    private void refresh(@Nullable TeamSummary select) {
        List<TeamRow> rows = teams.all().stream()
                .map(team -> new TeamRow(team, billing.balance(team.id())))
                .toList();
        grid.setItems(rows).setFilter(row -> matches(row, search.getValue()));
        TeamSummary target = select != null
                ? select
                : rows.isEmpty() ? null : rows.getFirst().team();
        rows.stream()
                .filter(row -> target != null && row.team().id().equals(target.id()))
                .findFirst()
                .ifPresentOrElse(grid::select, () -> showDetail(null));
    }

    private static boolean matches(TeamRow row, String text) {
        return text == null
                || text.isBlank()
                || row.team().name().toLowerCase().contains(text.strip().toLowerCase());
    }

    private void showDetail(@Nullable TeamRow row) {
        detail.removeAll();
        if (row == null) {
            detail.add(new Span("Select a team to see its members and add credit."));
            return;
        }
        TeamSummary team = row.team();
        Span balance = new MoneyLabel(row.balance());
        balance.addClassName("stat-value");
        balance.setId("admin-team-balance");
        Div balanceCard = new Div(new Span("Balance"), balance);
        balanceCard.addClassName("stat-card");

        Button topUp = new Button(
                "Add credit",
                VaadinIcon.PLUS_CIRCLE.create(),
                e -> new TopUpDialog(billing, team, newBalance -> {
                            BalanceChanged.fire();
                            refresh(team);
                        })
                        .open());
        topUp.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        topUp.setId("top-up");

        MembersGrid members = new MembersGrid(teams, team.id(), true);
        Button addMember = new Button(
                "Add member",
                VaadinIcon.USER.create(),
                e -> new AddMemberDialog(teams, team.id(), team.name(), added -> members.refresh()).open());
        addMember.setId("add-member");

        Button rename = new Button(
                "Rename",
                VaadinIcon.EDIT.create(),
                e -> new RenameTeamDialog(teams, team, renamed -> refresh(renamed)).open());
        rename.setId("rename-team");

        H3 name = new H3(team.name());
        name.addClassName("long-name");
        name.setId("admin-team-name");
        name.setTitle(team.name());
        Div actions = new Div(topUp, addMember, rename);
        actions.addClassName("panel-actions");
        Div title = new Div(name, actions);
        title.addClassName("panel-title");
        detail.add(title, balanceCard, new H3("Members"), members);
    }
}
