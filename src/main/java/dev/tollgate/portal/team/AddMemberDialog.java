package dev.tollgate.portal.team;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.tollgate.account.Member;
import dev.tollgate.account.NewMember;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamService;
import dev.tollgate.portal.FieldErrors;
import java.util.function.Consumer;

/** Adds a person to a team by email; someone without an account gets one with the initial password given here. */
public class AddMemberDialog extends Dialog {

    private final EmailField email = new EmailField("Email");
    private final TextField displayName = new TextField("Name");
    private final Select<TeamRole> role = new Select<>();
    private final PasswordField password = new PasswordField("Initial password");
    private final FieldErrors errors =
            new FieldErrors(email).on(password, "password").on(displayName, "the name");

    public AddMemberDialog(TeamService teams, TeamId team, String teamName, Consumer<Member> onAdded) {
        // a team's name may be 200 characters: it goes under the title, where it can wrap
        setHeaderTitle("Add a member");
        Paragraph to = new Paragraph("To " + teamName);
        to.addClassName("dialog-subject");
        email.setRequiredIndicatorVisible(true);
        displayName.setHelperText("For a new account; defaults to the part before @. At most "
                + TeamService.LONGEST_DISPLAY_NAME + " characters.");
        displayName.setMaxLength(TeamService.LONGEST_DISPLAY_NAME);
        role.setLabel("Role");
        role.setItems(TeamRole.values());
        role.setItemLabelGenerator(TeamRole::label);
        role.setValue(TeamRole.MEMBER);
        password.setHelperText("Needed only when this email has no account yet (8+ characters).");
        FormLayout form = new FormLayout(email, role, displayName, password);
        add(to, form);

        Button add = new Button("Add member", e -> {
            try {
                Member member = teams.addMember(
                        team,
                        new NewMember(email.getValue(), displayName.getValue(), role.getValue(), password.getValue()));
                close();
                onAdded.accept(member);
            } catch (IllegalArgumentException rejected) {
                errors.show(rejected.getMessage());
            }
        });
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("confirm-add-member");
        getFooter().add(new Button("Cancel", e -> close()), add);
        setWidth("min(36rem, 96vw)");
    }
}
