package dev.tollgate.portal.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;
import dev.tollgate.account.TeamService;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.portal.team.TeamNameField;
import java.util.function.Consumer;

class NewTeamDialog extends Dialog {

    NewTeamDialog(TeamService teams, Consumer<TeamSummary> onCreated) {
        setHeaderTitle("New team");
        TextField name = TeamNameField.create("Name");
        name.setId("new-team-name");
        add(name);
        Button create = new Button("Create team", e -> {
            try {
                TeamSummary team = teams.create(name.getValue());
                close();
                onCreated.accept(team);
            } catch (IllegalArgumentException rejected) {
                name.setInvalid(true);
                name.setErrorMessage(rejected.getMessage());
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("confirm-new-team");
        getFooter().add(new Button("Cancel", e -> close()), create);
        setWidth("min(32rem, 96vw)");
        name.focus();
    }
}
