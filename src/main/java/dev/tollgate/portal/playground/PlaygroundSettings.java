package dev.tollgate.portal.playground;

import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.catalog.TokenPricing;
import dev.tollgate.portal.DisplayFormats;
import dev.tollgate.provider.TextPart;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The model and sampling settings beside the conversation. A value the model cannot take shows why on its field, and
 * nothing is sent until it is put right.
 */
final class PlaygroundSettings extends VerticalLayout {

    /** The settings at the moment a message is sent. */
    record Snapshot(
            CatalogModel model,
            List<TextPart> systemPrompt,
            @Nullable Double temperature,
            int maxTokens) {

        @Nullable
        String systemText() {
            return systemPrompt.isEmpty() ? null : systemPrompt.getFirst().text();
        }
    }

    private static final String TEMPERATURE_RANGE = "Temperature is a number from 0 to 2.";

    private final Select<CatalogModel> model = new Select<>();
    private final Span prices = new Span();
    private final TextArea system = new TextArea("System prompt");
    private final NumberField temperature = new NumberField("Temperature");
    private final IntegerField maxTokens = new IntegerField("Max tokens");

    PlaygroundSettings(List<CatalogModel> chatModels) {
        model.setLabel("Model");
        model.setItems(chatModels);
        model.setItemLabelGenerator(CatalogModel::name);
        model.setId("playground-model");
        model.addValueChangeListener(e -> modelChosen(e.getValue()));
        model.setWidthFull();
        chatModels.stream()
                .filter(m -> m.id().value().equals("aws/claude-haiku-4-5"))
                .findFirst()
                .or(() -> chatModels.stream().findFirst())
                .ifPresent(model::setValue);
        prices.addClassName("section-note");
        prices.setId("playground-prices");
        system.setPlaceholder("Optional instructions for the model");
        system.setWidthFull();
        system.setMaxHeight("12rem");
        temperature.setId("playground-temperature");
        temperature.setMin(0);
        temperature.setMax(2);
        temperature.setStep(0.1);
        temperature.setValue(1.0);
        temperature.setStepButtonsVisible(true);
        temperature.setWidthFull();
        temperature.setI18n(new NumberField.NumberFieldI18n()
                .setMinErrorMessage(TEMPERATURE_RANGE)
                .setMaxErrorMessage(TEMPERATURE_RANGE)
                .setStepErrorMessage(TEMPERATURE_RANGE)
                .setBadInputErrorMessage(TEMPERATURE_RANGE));
        maxTokens.setId("playground-max-tokens");
        maxTokens.setMin(1);
        maxTokens.setValue(1024);
        maxTokens.setRequiredIndicatorVisible(true);
        maxTokens.setHelperText("The most a reply may cost is held until it ends.");
        maxTokens.setWidthFull();
        add(new H4("Settings"), model, prices, system, temperature, maxTokens);
        setPadding(false);
        setWidth(null); // the stylesheet sizes it: beside the chat on a wide screen, above it on a narrow one
        addClassName("playground-settings");
    }

    /** The settings to send with, or nothing when a field holds a value the model cannot take (its field says why). */
    Optional<Snapshot> validated() {
        boolean capMissing = maxTokens.getValue() == null && !maxTokens.isInvalid();
        if (capMissing) {
            maxTokens.setInvalid(true);
        }
        if (maxTokens.isInvalid()) {
            maxTokens.focus();
            return Optional.empty();
        }
        if (temperature.isInvalid()) {
            temperature.focus();
            return Optional.empty();
        }
        return Optional.of(current());
    }

    /**
     * The settings as they stand, a cap the model cannot give replaced by one it can: good for showing code and
     * counting tokens, not for sending (use {@link #validated()}).
     */
    Snapshot current() {
        String prompt = system.getValue();
        CatalogModel chosen = model.getValue();
        Integer cap = maxTokens.getValue();
        return new Snapshot(
                chosen,
                prompt == null || prompt.isBlank() ? List.of() : List.of(new TextPart(prompt, false)),
                temperature.isInvalid() ? null : temperature.getValue(),
                cap == null || cap < 1 ? 1024 : Math.min(cap, chosen.requireMaxOutputTokens()));
    }

    /** Calls {@code listener} when a setting that changes the prompt (the model or the system prompt) changes. */
    void onPromptChange(Runnable listener) {
        model.addValueChangeListener(e -> listener.run());
        system.addValueChangeListener(e -> listener.run());
    }

    /** Shows the model's prices and keeps the output cap within what the model can give. */
    private void modelChosen(@Nullable CatalogModel chosen) {
        if (chosen == null) {
            prices.setText("");
            return;
        }
        int limit = chosen.requireMaxOutputTokens();
        maxTokens.setMax(limit);
        maxTokens.setI18n(new IntegerField.IntegerFieldI18n()
                .setRequiredErrorMessage("Enter the most tokens a reply may have, from 1 to " + limit + ".")
                .setMinErrorMessage("A reply needs at least 1 token.")
                .setMaxErrorMessage(chosen.name() + " gives at most " + limit + " tokens per reply.")
                .setBadInputErrorMessage("Enter a whole number from 1 to " + limit + "."));
        if (maxTokens.getValue() != null && maxTokens.getValue() > limit) {
            maxTokens.setValue(limit);
        }
        TokenPricing pricing = chosen.requireTokenPricing();
        prices.setText(DisplayFormats.exactMoney(pricing.inputPerMillion()) + " in / "
                + DisplayFormats.exactMoney(pricing.outputPerMillion()) + " out per 1M tokens; cache read "
                + DisplayFormats.exactMoney(pricing.cacheReadPerMillion()));
    }
}
