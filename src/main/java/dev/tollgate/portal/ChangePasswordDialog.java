package dev.tollgate.portal;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import dev.tollgate.account.UserAccountService;

/** Lets the signed-in user replace their password, e.g. the one generated on first start. */
class ChangePasswordDialog extends Dialog {

    ChangePasswordDialog(UserAccountService userAccounts) {
        setHeaderTitle("Change password");
        PasswordField current = new PasswordField("Current password");
        PasswordField next = new PasswordField("New password");
        next.setHelperText("At least 8 characters");
        PasswordField repeat = new PasswordField("Repeat new password");
        for (PasswordField field : new PasswordField[] {current, next, repeat}) {
            field.setWidthFull();
        }
        add(new VerticalLayout(current, next, repeat));
        FieldErrors errors = new FieldErrors(next).on(current, "current");
        Button save = new Button("Change password", e -> {
            if (!next.getValue().equals(repeat.getValue())) {
                repeat.setInvalid(true);
                repeat.setErrorMessage("The two new passwords differ");
                return;
            }
            try {
                userAccounts.changeOwnPassword(current.getValue(), next.getValue());
                close();
                Notices.done("Password changed");
            } catch (IllegalArgumentException rejected) {
                errors.show(rejected.getMessage());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
        setWidth("24rem");
    }
}
