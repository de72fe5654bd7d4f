package dev.tollgate.portal.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.billing.BillingService;
import dev.tollgate.money.Credits;
import dev.tollgate.portal.DisplayFormats;
import java.util.function.Consumer;

/** Adds credit to a team; the amount is exact, as typed. */
class TopUpDialog extends Dialog {

    TopUpDialog(BillingService billing, TeamSummary team, Consumer<Credits> onToppedUp) {
        setHeaderTitle("Add credit to " + team.name());
        BigDecimalField amount = new BigDecimalField("Amount");
        amount.setPrefixComponent(new Span("Cr$"));
        amount.setWidthFull();
        amount.setId("top-up-amount");
        TextField note = new TextField("Note");
        note.setPlaceholder("e.g. invoice 2026-114");
        note.setMaxLength(500);
        note.setWidthFull();
        add(new VerticalLayout(amount, note));
        Button add = new Button("Add credit", e -> {
            try {
                if (amount.getValue() == null) {
                    throw new IllegalArgumentException("Enter an amount");
                }
                Credits added = new Credits(amount.getValue());
                Credits balance = billing.topUp(team.id(), added, note.getValue());
                close();
                Notification.show(
                                "Added " + DisplayFormats.money(added) + " to " + team.name() + ". Balance: "
                                        + DisplayFormats.money(balance),
                                4000,
                                Notification.Position.BOTTOM_END)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                onToppedUp.accept(balance);
            } catch (IllegalArgumentException rejected) {
                amount.setInvalid(true);
                amount.setErrorMessage(rejected.getMessage());
            }
        });
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("confirm-top-up");
        getFooter().add(new Button("Cancel", e -> close()), add);
        setWidth("26rem");
    }
}
