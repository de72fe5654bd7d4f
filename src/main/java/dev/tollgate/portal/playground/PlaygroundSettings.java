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
import org.jspecify.annotations.Nullable;

/** The model and sampling settings beside the conversation. */
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
        temperature.setMin(0);
        temperature.setMax(2);
        temperature.setStep(0.1);
        temperature.setValue(1.0);
        temperature.setStepButtonsVisible(true);
        temperature.setWidthFull();
        maxTokens.setMin(1);
        maxTokens.setValue(1024);
        maxTokens.setHelperText("The most a reply may cost is held until it ends.");
        maxTokens.setWidthFull();
        add(new H4("Settings"), model, prices, system, temperature, maxTokens);
        setWidth("20rem");
        setPadding(false);
        addClassName("playground-settings");
    }

    Snapshot snapshot() {
        String prompt = system.getValue();
        CatalogModel chosen = model.getValue();
        Integer cap = maxTokens.getValue();
        return new Snapshot(
                chosen,
                prompt == null || prompt.isBlank() ? List.of() : List.of(new TextPart(prompt, false)),
                temperature.getValue(),
                cap == null || cap < 1 ? 1024 : Math.min(cap, chosen.requireMaxOutputTokens()));
    }

    /** Shows the model's prices and keeps the output cap within what the model can give. */
    private void modelChosen(@Nullable CatalogModel chosen) {
        if (chosen == null) {
            prices.setText("");
            return;
        }
        int limit = chosen.requireMaxOutputTokens();
        maxTokens.setMax(limit);
        if (maxTokens.getValue() != null && maxTokens.getValue() > limit) {
            maxTokens.setValue(limit);
        }
        TokenPricing pricing = chosen.requireTokenPricing();
        prices.setText(DisplayFormats.exactMoney(pricing.inputPerMillion()) + " in / "
                + DisplayFormats.exactMoney(pricing.outputPerMillion()) + " out per 1M tokens; cache read "
                + DisplayFormats.exactMoney(pricing.cacheReadPerMillion()));
    }
}
