package dev.tollgate.portal.team;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;
import dev.tollgate.account.TeamService;
import dev.tollgate.account.TeamSummary;
import java.util.function.Consumer;

/** Renames a team under the rules of a new team's name; a refusal is shown on the name. */
public class RenameTeamDialog extends Dialog {

    public RenameTeamDialog(TeamService teams, TeamSummary team, Consumer<TeamSummary> onRenamed) {
        setHeaderTitle("Rename team");
        TextField name = TeamNameField.create("New name");
        name.setValue(team.name());
        name.setId("rename-team-name");
        add(name);
        Button rename = new Button("Rename", e -> {
            try {
                TeamSummary renamed = teams.rename(team.id(), name.getValue());
                close();
                onRenamed.accept(renamed);
            } catch (IllegalArgumentException rejected) {
                name.setErrorMessage(rejected.getMessage());
                name.setInvalid(true);
            }
        });
        rename.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        rename.setId("confirm-rename-team");
        getFooter().add(new Button("Cancel", e -> close()), rename);
        setWidth("min(32rem, 96vw)");
        name.focus();
    }
}
