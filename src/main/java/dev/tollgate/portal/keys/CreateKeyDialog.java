package dev.tollgate.portal.keys;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.IssuedApiKey;
import dev.tollgate.apikey.NewApiKey;
import dev.tollgate.catalog.Catalog;
import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.money.Credits;
import dev.tollgate.portal.FieldErrors;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Asks for a key's name and optional limits, then hands the issued key on. */
class CreateKeyDialog extends Dialog {

    private final TextField name = new TextField("Name");
    private final DatePicker expiry = new DatePicker("Expires");
    private final BigDecimalField budget = new BigDecimalField("Budget");
    private final MultiSelectComboBox<CatalogModel> models = new MultiSelectComboBox<>("Allowed models");
    private final IntegerField rpm = new IntegerField("Requests per minute");
    private final FieldErrors errors = new FieldErrors(name)
            .on(expiry, "expir")
            .on(budget, "budget")
            .on(rpm, "requests per minute")
            .on(models, "model")
            .on(name, "name");

    CreateKeyDialog(ApiKeyService keys, Catalog catalog, TeamId team, Consumer<IssuedApiKey> onIssued) {
        setHeaderTitle("Create API key");
        name.setRequired(true);
        name.setPlaceholder("e.g. production-backend");
        name.setMaxLength(100);
        expiry.setHelperText("Optional. The key stops working at the end of this day (UTC).");
        expiry.setMin(LocalDate.now(ZoneOffset.UTC));
        expiry.setClearButtonVisible(true);
        budget.setHelperText("Optional. Most this key may spend, in Cr$.");
        budget.setPrefixComponent(new Span("Cr$"));
        models.setItems(catalog.all());
        models.setItemLabelGenerator(model -> model.id().value());
        models.setPlaceholder("All models");
        models.setHelperText("Leave empty to allow every model.");
        rpm.setHelperText("Optional. Requests per minute before 429.");
        rpm.setMin(1);
        rpm.setStepButtonsVisible(false);
        budget.setId("key-budget");

        FormLayout form = new FormLayout(name, expiry, budget, rpm, models);
        form.setColspan(models, 2);
        form.setColspan(name, 2);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30rem", 2));
        add(form);

        Button create = new Button("Create key", e -> create(keys, team, onIssued));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("confirm-create-key");
        getFooter().add(new Button("Cancel", e -> close()), create);
        setWidth("40rem");
        name.focus();
    }

    private void create(ApiKeyService keys, TeamId team, Consumer<IssuedApiKey> onIssued) {
        try {
            Instant expiresAt = expiry.getValue() == null
                    ? null
                    : expiry.getValue().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            NewApiKey request = new NewApiKey(
                    name.getValue(),
                    expiresAt,
                    budget.getValue() == null ? null : new Credits(budget.getValue()),
                    models.getSelectedItems().stream().map(CatalogModel::id).collect(Collectors.toSet()),
                    rpm.getValue());
            IssuedApiKey issued = keys.issue(team, request);
            close();
            onIssued.accept(issued);
        } catch (IllegalArgumentException rejected) {
            errors.show(rejected.getMessage());
        }
    }
}
