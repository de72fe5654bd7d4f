package dev.tollgate.portal;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.popover.Popover;
import com.vaadin.flow.component.popover.PopoverPosition;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamRole;
import dev.tollgate.billing.BudgetAlert;
import dev.tollgate.billing.BudgetAlertService;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The header's bell for owners and admins: how many key budget alerts of the current team are unread, the recent
 * alerts with their times in a popover (read ones greyed, so a crossing can be looked up again after it was marked
 * read), and a way to mark them all read. Hidden for members and for a team that has had no alert yet.
 */
class BudgetAlertBell extends Div {

    private final BudgetAlertService alerts;
    private final Button bell = new Button(VaadinIcon.BELL.create());
    private final Span count = new Span();
    private final Div list = new Div();
    private final Popover popover = new Popover();
    private final Button markRead = new Button("Mark all read", e -> markAllRead());
    private @Nullable TeamId team;

    BudgetAlertBell(BudgetAlertService alerts) {
        this.alerts = alerts;
        bell.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ICON);
        bell.setId("budget-alerts");
        count.addClassName("alert-count");
        list.addClassName("alert-list");
        markRead.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        markRead.setId("mark-alerts-read");
        popover.setTarget(bell);
        popover.setPosition(PopoverPosition.BOTTOM_END);
        popover.add(list, markRead);
        popover.addClassName("alert-popover");
        add(bell, count, popover);
        addClassName("alert-bell");
        setVisible(false);
    }

    /** Shows the team's unread alerts when the caller is an owner or admin of it. */
    void show(@Nullable TeamId team, @Nullable TeamRole role) {
        this.team = role != null && role.isAtLeast(TeamRole.ADMIN) ? team : null;
        refresh();
    }

    private void refresh() {
        List<BudgetAlert> recent = team == null ? List.of() : alerts.recent(team);
        long unread = recent.stream().filter(alert -> !alert.isRead()).count();
        setVisible(!recent.isEmpty());
        count.setText(Long.toString(unread));
        count.setVisible(unread > 0);
        markRead.setVisible(unread > 0);
        bell.setAriaLabel(
                unread == 0
                        ? "Budget alerts, none unread"
                        : unread + " unread budget alert" + (unread == 1 ? "" : "s"));
        list.removeAll();
        recent.forEach(alert -> list.add(line(alert)));
        if (recent.isEmpty()) {
            popover.close();
        }
    }

    private void markAllRead() {
        if (team != null) {
            alerts.markAllRead(team);
        }
        refresh();
    }

    private static Div line(BudgetAlert alert) {
        Span key = new Span(alert.keyName());
        key.addClassName("alert-key");
        Div text = new Div(
                new Span("Key "),
                key,
                new Span(" has used " + alert.threshold().percent() + "% of its " + DisplayFormats.money(alert.budget())
                        + " budget"));
        text.addClassName("alert-text");
        Span time = new Span(DisplayFormats.dateTime(alert.at()));
        time.addClassName("alert-time");
        Div line = new Div(text, time);
        line.addClassName("alert-line");
        line.addClassName(alert.isRead() ? "alert-read" : "alert-unread");
        return line;
    }
}
