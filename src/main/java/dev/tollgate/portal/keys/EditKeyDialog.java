package dev.tollgate.portal.keys;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.ApiKeyView;
import dev.tollgate.catalog.Catalog;
import dev.tollgate.money.Credits;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Changes a key's name, expiry, budget, models and rate limit; its secret stays the same. */
class EditKeyDialog extends Dialog {

    private final KeySettingsForm form;

    EditKeyDialog(
            ApiKeyService keys,
            Catalog catalog,
            ApiKeyView key,
            @Nullable Credits budget,
            Consumer<ApiKeyView> onChanged) {
        setHeaderTitle("Edit key " + key.maskedKey());
        form = new KeySettingsForm(catalog);
        form.show(key, budget);
        add(form);

        Button save = new Button("Save", e -> save(keys, key, onChanged));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("confirm-edit-key");
        getFooter().add(new Button("Cancel", e -> close()), save);
        setWidth("min(40rem, 96vw)");
        setId("edit-key");
        form.focusName();
    }

    private void save(ApiKeyService keys, ApiKeyView key, Consumer<ApiKeyView> onChanged) {
        try {
            ApiKeyView changed = keys.change(key.id(), form.settings());
            close();
            onChanged.accept(changed);
        } catch (IllegalArgumentException rejected) {
            form.showRefusal(rejected);
        }
    }
}
