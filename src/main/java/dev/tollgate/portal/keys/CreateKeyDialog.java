package dev.tollgate.portal.keys;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.IssuedApiKey;
import dev.tollgate.catalog.Catalog;
import java.util.function.Consumer;

/** Asks for a key's name and optional limits, then hands the issued key on. */
class CreateKeyDialog extends Dialog {

    private final KeySettingsForm form;

    CreateKeyDialog(ApiKeyService keys, Catalog catalog, TeamId team, Consumer<IssuedApiKey> onIssued) {
        setHeaderTitle("Create API key");
        form = new KeySettingsForm(catalog);
        add(form);

        Button create = new Button("Create key", e -> create(keys, team, onIssued));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("confirm-create-key");
        getFooter().add(new Button("Cancel", e -> close()), create);
        setWidth("min(40rem, 96vw)");
        form.focusName();
    }

    private void create(ApiKeyService keys, TeamId team, Consumer<IssuedApiKey> onIssued) {
        try {
            IssuedApiKey issued = keys.issue(team, form.settings());
            close();
            onIssued.accept(issued);
        } catch (IllegalArgumentException rejected) {
            form.showRefusal(rejected);
        }
    }
}
