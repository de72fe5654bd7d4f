package dev.tollgate.portal.team;

import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.tollgate.account.TeamName;

/** A field for a team's name that says how long it may be and counts as it is typed. */
public final class TeamNameField {

    private TeamNameField() {}

    public static TextField create(String label) {
        TextField name = new TextField(label);
        name.setWidthFull();
        name.setRequired(true);
        name.setMaxLength(TeamName.LONGEST);
        name.setValueChangeMode(ValueChangeMode.EAGER);
        name.addValueChangeListener(e -> count(name));
        count(name);
        return name;
    }

    private static void count(TextField name) {
        name.setHelperText(
                name.getValue().length() + " of " + TeamName.LONGEST + " characters; no two teams share a name");
    }
}
