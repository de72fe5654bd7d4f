package dev.tollgate.portal.keys;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.ApiKeyView;
import dev.tollgate.apikey.InvalidApiKeyRequestException;
import dev.tollgate.apikey.NewApiKey;
import dev.tollgate.catalog.Catalog;
import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.money.Credits;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A key's name and limits, as a new key asks for them and an existing key's edit shows them. A refusal is shown on
 * the field it names; the rest under the form.
 */
class KeySettingsForm extends FormLayout {

    private final TextField name = new TextField("Name");
    private final DatePicker expiry = new DatePicker("Expires");
    private final BigDecimalField budget = new BigDecimalField("Budget");
    private final MultiSelectComboBox<CatalogModel> models = new MultiSelectComboBox<>("Allowed models");
    private final IntegerField rpm = new IntegerField("Requests per minute");
    private final Div error = new Div();
    private @Nullable Instant shownExpiry;

    KeySettingsForm(Catalog catalog) {
        name.setRequired(true);
        name.setPlaceholder("e.g. production-backend");
        name.setMaxLength(ApiKeyService.LONGEST_NAME);
        name.setValueChangeMode(ValueChangeMode.EAGER);
        name.addValueChangeListener(e -> countCharacters());
        name.setId("key-name");
        countCharacters();
        expiry.setHelperText("Optional. The key stops working at the end of this day (UTC).");
        expiry.setMin(LocalDate.now(ZoneOffset.UTC));
        expiry.setClearButtonVisible(true);
        expiry.setId("key-expiry");
        budget.setHelperText("Optional. Most this key may spend, in Cr$.");
        budget.setPrefixComponent(new Span("Cr$"));
        budget.setId("key-budget");
        models.setItems(catalog.all());
        models.setItemLabelGenerator(model -> model.id().value());
        models.setPlaceholder("All models");
        models.setHelperText("Leave empty to allow every model.");
        models.setId("key-models");
        rpm.setHelperText("Optional. Requests per minute before 429.");
        rpm.setMin(1);
        rpm.setStepButtonsVisible(false);
        rpm.setId("key-rpm");
        error.addClassName("form-error");
        error.setVisible(false);

        // a refusal shown on a field goes once the field is changed
        fields().values()
                .forEach(field -> ((HasValue<?, ?>) field).addValueChangeListener(e -> field.setInvalid(false)));
        add(name, expiry, budget, rpm, models, error);
        setColspan(models, 2);
        setColspan(name, 2);
        setColspan(error, 2);
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("30rem", 2));
    }

    /** Shows a key's current settings, to be changed. */
    void show(ApiKeyView key, @Nullable Credits currentBudget) {
        name.setValue(key.name());
        shownExpiry = key.expiresAt();
        // a key made here expires at the start of the day after the one picked
        expiry.setValue(shownExpiry == null ? null : LocalDate.ofInstant(shownExpiry.minusNanos(1), ZoneOffset.UTC));
        expiry.setMin(null);
        budget.setValue(currentBudget == null ? null : currentBudget.amount().stripTrailingZeros());
        models.setValue(models.getListDataView()
                .getItems()
                .filter(model -> key.allowedModels().contains(model.id()))
                .collect(Collectors.toSet()));
        rpm.setValue(key.requestsPerMinute());
    }

    /** The settings as filled in; an expiry day left as shown keeps the key's exact expiry. */
    NewApiKey settings() {
        LocalDate day = expiry.getValue();
        Instant expiresAt = day == null
                ? null
                : day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (shownExpiry != null
                && day != null
                && day.equals(LocalDate.ofInstant(shownExpiry.minusNanos(1), ZoneOffset.UTC))) {
            expiresAt = shownExpiry;
        }
        return new NewApiKey(
                name.getValue(),
                expiresAt,
                budget.getValue() == null ? null : new Credits(budget.getValue()),
                models.getSelectedItems().stream().map(CatalogModel::id).collect(Collectors.toSet()),
                rpm.getValue());
    }

    void clearRefusal() {
        fields().values().forEach(field -> field.setInvalid(false));
        error.setVisible(false);
    }

    /** Puts a refusal on the field it names, or under the form when it names none of them. */
    void showRefusal(IllegalArgumentException refused) {
        clearRefusal();
        String field = refused instanceof InvalidApiKeyRequestException keyRule ? keyRule.field() : null;
        Optional<HasValidation> target = Optional.ofNullable(field).map(fields()::get);
        if (target.isPresent()) {
            target.get().setErrorMessage(refused.getMessage());
            target.get().setInvalid(true);
        } else {
            error.setText(refused.getMessage());
            error.setVisible(true);
        }
    }

    void focusName() {
        name.focus();
    }

    private Map<String, HasValidation> fields() {
        return Map.of("name", name, "expiresAt", expiry, "budget", budget, "models", models, "rpm", rpm);
    }

    private void countCharacters() {
        int length = name.getValue().length();
        name.setHelperText(length + " of " + ApiKeyService.LONGEST_NAME + " characters; unique among the team's keys");
    }
}
