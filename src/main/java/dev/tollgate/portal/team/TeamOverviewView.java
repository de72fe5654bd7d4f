package dev.tollgate.portal.team;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.tollgate.account.TeamMembership;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamService;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.ApiKeyStatus;
import dev.tollgate.billing.BillingService;
import dev.tollgate.portal.BackgroundWork;
import dev.tollgate.portal.CurrentTeam;
import dev.tollgate.portal.MoneyLabel;
import dev.tollgate.portal.ViewHeader;
import dev.tollgate.webhook.TeamWebhookService;
import jakarta.annotation.security.PermitAll;

/** The landing page: the current team's balance, keys, members and statement at a glance. */
@Route("")
@PageTitle("Overview · Tollgate")
@PermitAll
class TeamOverviewView extends VerticalLayout {

    TeamOverviewView(
            CurrentTeam currentTeam,
            BillingService billing,
            ApiKeyService keys,
            TeamService teams,
            TeamWebhookService webhooks,
            BackgroundWork background,
            StatementAuthors authors) {
        TeamMembership team = currentTeam.get().orElse(null);
        if (team == null) {
            add(new ViewHeader("Welcome", "You are not a member of any team yet. Ask a platform admin to add you."));
            return;
        }
        // the header and the team switcher show the name too: the page is shown again with the new one
        Button rename = new Button(
                "Rename team",
                VaadinIcon.EDIT.create(),
                e -> new RenameTeamDialog(
                                teams,
                                team.team(),
                                renamed -> UI.getCurrent().getPage().reload())
                        .open());
        rename.setId("rename-team");
        rename.setVisible(team.role().isAtLeast(TeamRole.ADMIN));
        add(new ViewHeader(team.team().name(), "You are " + article(team.role()) + " of this team.", rename));

        long activeKeys = keys.list(team.team().id()).stream()
                .filter(key -> key.status() == ApiKeyStatus.ACTIVE)
                .count();
        HorizontalLayout cards = new HorizontalLayout(
                card("Balance", new MoneyLabel(billing.balance(team.team().id())), "overview-balance"),
                card("Active keys", new Span(Long.toString(activeKeys)), "overview-keys"),
                card("Your role", new Span(team.role().label()), "overview-role"));
        cards.setWidthFull();
        cards.addClassName("stat-cards");
        add(cards);

        boolean owner = team.role().isAtLeast(TeamRole.OWNER);
        MembersGrid members = new MembersGrid(teams, team.team().id(), owner);
        Button addMember = new Button(
                "Add member",
                VaadinIcon.PLUS.create(),
                e -> new AddMemberDialog(teams, team.team().id(), team.team().name(), added -> members.refresh())
                        .open());
        addMember.setVisible(owner);
        addMember.setId("add-member");
        HorizontalLayout membersTitle = new HorizontalLayout(new H3("Members"), addMember);
        membersTitle.setAlignItems(Alignment.BASELINE);
        add(membersTitle, members);

        if (team.role().isAtLeast(TeamRole.ADMIN)) {
            add(new WebhookSection(webhooks, background, team.team().id()));
        }

        add(new H3("Statement"));
        LedgerGrid ledger = new LedgerGrid(billing, authors, team.team().id());
        ledger.setHeight("18rem");
        add(ledger);
        setPadding(true);
    }

    private static Div card(String label, Span figure, String id) {
        Span caption = new Span(label);
        caption.addClassName("stat-label");
        figure.addClassName("stat-value");
        figure.setId(id);
        Div card = new Div(caption, figure);
        card.addClassName("stat-card");
        return card;
    }

    private static String article(TeamRole role) {
        return (role == TeamRole.OWNER || role == TeamRole.ADMIN ? "an " : "a ")
                + role.label().toLowerCase();
    }
}
