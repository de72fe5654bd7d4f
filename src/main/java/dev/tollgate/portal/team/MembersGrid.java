package dev.tollgate.portal.team;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import dev.tollgate.account.Member;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamService;
import dev.tollgate.portal.DisplayFormats;
import dev.tollgate.portal.NarrowScreenColumns;

/** A team's members; owners (and platform admins) can change roles and remove people in place. */
public class MembersGrid extends Grid<Member> {

    private final TeamService teams;
    private final TeamId team;
    private final boolean editable;

    public MembersGrid(TeamService teams, TeamId team, boolean editable) {
        this.teams = teams;
        this.team = team;
        this.editable = editable;
        // names and addresses share what is left, cut with an ellipsis and whole on hover
        addColumn(Member::displayName)
                .setHeader("Name")
                .setWidth("7rem")
                .setFlexGrow(1)
                .setTooltipGenerator(Member::displayName);
        Column<Member> email = addColumn(Member::email)
                .setHeader("Email")
                .setWidth("8rem")
                .setFlexGrow(1)
                .setTooltipGenerator(Member::email);
        addComponentColumn(this::roleCell)
                .setHeader("Role")
                .setWidth(editable ? "8.5rem" : "5.5rem")
                .setFlexGrow(0);
        Column<Member> joined = addColumn(member -> DisplayFormats.date(member.joinedAt()))
                .setHeader("Joined")
                .setAutoWidth(true)
                .setFlexGrow(0);
        if (editable) {
            addComponentColumn(this::removeButton).setWidth("6rem").setFlexGrow(0);
        }
        NarrowScreenColumns.hide(this, email, joined);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setAllRowsVisible(true);
        refresh();
    }

    public void refresh() {
        setItems(teams.members(team));
    }

    private Component roleCell(Member member) {
        if (!editable) {
            return new Span(member.role().label());
        }
        Select<TeamRole> role = new Select<>();
        role.setItems(TeamRole.values());
        role.setItemLabelGenerator(TeamRole::label);
        role.setValue(member.role());
        role.setAriaLabel("Role of " + member.email());
        role.addValueChangeListener(event -> {
            if (!event.isFromClient()) {
                return;
            }
            try {
                teams.changeRole(team, member.userId(), event.getValue());
                Notification.show(
                        member.email() + " is now " + event.getValue().label(), 3000, Notification.Position.BOTTOM_END);
            } catch (IllegalArgumentException rejected) {
                Notification.show(rejected.getMessage(), 4000, Notification.Position.BOTTOM_END)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
            refresh();
        });
        return role;
    }

    private Component removeButton(Member member) {
        Button remove = new Button("Remove", e -> {
            ConfirmDialog confirm = new ConfirmDialog(
                    "Remove " + member.email() + "?",
                    "They lose access to this team's keys, usage and balance.",
                    "Remove",
                    confirmed -> {
                        try {
                            teams.removeMember(team, member.userId());
                        } catch (IllegalArgumentException rejected) {
                            Notification.show(rejected.getMessage(), 4000, Notification.Position.BOTTOM_END)
                                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
                        }
                        refresh();
                    });
            confirm.setConfirmButtonTheme("error primary");
            confirm.setCancelable(true);
            confirm.open();
        });
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        return remove;
    }
}
