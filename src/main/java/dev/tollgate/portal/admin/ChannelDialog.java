package dev.tollgate.portal.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.tollgate.portal.FieldErrors;
import dev.tollgate.portal.Notices;
import dev.tollgate.provider.channel.ChannelDraft;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelNotFoundException;
import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.provider.channel.ChannelView;
import dev.tollgate.provider.channel.InvalidChannelException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Adds or edits a channel. The secret field always starts empty: a stored secret is never sent to the browser, only
 * replaced. Channels from configuration open read-only.
 */
class ChannelDialog extends Dialog {

    private final ChannelService channels;
    private final @Nullable ChannelView existing;
    private final Runnable onChange;
    private final TextField name = new TextField("Name");
    private final Select<ChannelKind> kind = new Select<>();
    private final TextField baseUrl = new TextField("Base URL");
    private final TextField region = new TextField("AWS region");
    private final PasswordField secret = new PasswordField("Secret");
    private final TextArea models = new TextArea("Models");
    private final IntegerField priority = new IntegerField("Priority");
    private final IntegerField weight = new IntegerField("Weight");
    private final IntegerField connectTimeout = new IntegerField("Connect timeout (s)");
    private final IntegerField timeout = new IntegerField("Answer timeout (s)");
    private final Checkbox enabled = new Checkbox("Enabled");
    private final Checkbox speaksResponses = new Checkbox("Speaks the Responses API");
    private final FieldErrors errors = new FieldErrors(kind)
            .on(name, "name:")
            .on(baseUrl, "base url:")
            .on(region, "region:")
            .on(secret, "secret:")
            .on(priority, "priority:")
            .on(weight, "weight:")
            .on(connectTimeout, "connect timeout:")
            .on(timeout, "timeout:")
            .on(models, "models:");

    ChannelDialog(ChannelService channels, @Nullable ChannelView existing, Runnable onChange) {
        this.channels = channels;
        this.existing = existing;
        this.onChange = onChange;
        setId("channel-dialog");
        setHeaderTitle(existing == null ? "Add channel" : "Channel " + existing.name());
        setWidth("46rem");
        fields();
        fill(existing);
        FormLayout form = new FormLayout(
                name,
                kind,
                baseUrl,
                region,
                secret,
                priority,
                weight,
                connectTimeout,
                timeout,
                enabled,
                speaksResponses,
                models);
        form.setColspan(baseUrl, 2);
        form.setColspan(speaksResponses, 2);
        form.setColspan(models, 2);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30rem", 2));
        add(form);
        buttons();
    }

    private void fields() {
        name.setId("channel-name");
        name.setRequired(true);
        name.setMaxLength(80);
        kind.setLabel("Kind");
        kind.setId("channel-kind");
        // the simulator's channel is built in: there is one, and it is edited in its own dialog
        kind.setItems(Arrays.stream(ChannelKind.values())
                .filter(candidate -> !candidate.builtIn())
                .toList());
        kind.setItemLabelGenerator(ChannelKind::id);
        kind.addValueChangeListener(e -> {
            region.setVisible(e.getValue() == ChannelKind.BEDROCK);
            speaksResponses.setVisible(e.getValue() == ChannelKind.OPENAI_COMPATIBLE);
        });
        baseUrl.setId("channel-base-url");
        baseUrl.setPlaceholder("https://api.openai.com/v1");
        baseUrl.setWidthFull();
        region.setId("channel-region");
        region.setPlaceholder("us-east-1");
        secret.setId("channel-secret");
        secret.setRevealButtonVisible(false);
        secret.setHelperText(
                existing == null
                        ? "API key (Bedrock: accessKeyId:secretAccessKey). Stored encrypted, never shown again."
                        : existing.hasSecret()
                                ? "A secret is stored. Leave empty to keep it; type a new one to replace it."
                                : "No secret is stored.");
        models.setId("channel-models");
        models.setWidthFull();
        models.setMinHeight("8rem");
        models.setPlaceholder("aws/claude-haiku-4-5 = claude-haiku-4-5-20251001");
        models.setHelperText("One per line: catalog model id = the upstream's id for it (or the catalog id alone).");
        priority.setId("channel-priority");
        priority.setMin(0);
        priority.setMax(1000);
        priority.setStepButtonsVisible(true);
        priority.setHelperText("Lower is tried first");
        weight.setId("channel-weight");
        weight.setMin(1);
        weight.setMax(1000);
        weight.setStepButtonsVisible(true);
        weight.setHelperText("Share of traffic within a priority");
        connectTimeout.setId("channel-connect-timeout");
        connectTimeout.setMin(1);
        timeout.setId("channel-timeout");
        timeout.setMin(1);
        timeout.setHelperText("Until the upstream starts answering");
        enabled.setId("channel-enabled");
        speaksResponses.setId("channel-speaks-responses");
        speaksResponses.setHelperText("The upstream serves /responses: requests to /v1/responses go there as sent,"
                + " hosted tools and reasoning items included, instead of being translated to Chat Completions");
    }

    private void fill(@Nullable ChannelView view) {
        if (view == null) {
            kind.setValue(ChannelKind.OPENAI_COMPATIBLE);
            priority.setValue(0);
            weight.setValue(1);
            connectTimeout.setValue((int) ChannelDraft.DEFAULT_CONNECT_TIMEOUT.toSeconds());
            timeout.setValue((int) ChannelDraft.DEFAULT_TIMEOUT.toSeconds());
            enabled.setValue(true);
            return;
        }
        name.setValue(view.name());
        kind.setValue(view.kind());
        baseUrl.setValue(view.baseUrl() == null ? "" : view.baseUrl().toString());
        region.setValue(view.region() == null ? "" : view.region());
        models.setValue(ModelMappingText.format(view.models()));
        priority.setValue(view.priority());
        weight.setValue(view.weight());
        connectTimeout.setValue((int) Math.max(1, view.connectTimeout().toSeconds()));
        timeout.setValue((int) Math.max(1, view.timeout().toSeconds()));
        enabled.setValue(view.enabled());
        speaksResponses.setValue(view.speaksResponses());
        if (view.fromConfig()) {
            for (var field : java.util.List.of(name, baseUrl, region, secret, models)) {
                field.setReadOnly(true);
            }
            kind.setReadOnly(true);
            priority.setReadOnly(true);
            weight.setReadOnly(true);
            connectTimeout.setReadOnly(true);
            timeout.setReadOnly(true);
            enabled.setReadOnly(true);
            speaksResponses.setReadOnly(true);
            secret.setHelperText(view.hasSecret() ? "A secret is stored." : "No secret is stored.");
            add(new Paragraph("Defined in the configuration (tollgate.channels): change it there and restart."));
        }
    }

    private void buttons() {
        Button cancel = new Button("Cancel", e -> close());
        if (existing != null && existing.fromConfig()) {
            cancel.setText("Close");
            getFooter().add(cancel);
            return;
        }
        Button save = new Button("Save", e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("channel-save");
        if (existing != null) {
            Button delete = new Button("Delete", e -> confirmDelete());
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
            delete.setId("channel-delete");
            delete.getStyle().set("margin-inline-end", "auto");
            getFooter().add(delete);
        }
        getFooter().add(cancel, save);
    }

    private void save() {
        try {
            ChannelDraft draft = new ChannelDraft(
                    name.getValue(),
                    kind.getValue(),
                    baseUrl.getValue(),
                    region.getValue(),
                    secret.getValue().isBlank() ? null : secret.getValue(),
                    mapping(),
                    valueOr(priority, 0),
                    valueOr(weight, 1),
                    Duration.ofSeconds(valueOr(connectTimeout, 5)),
                    Duration.ofSeconds(valueOr(timeout, 60)),
                    enabled.getValue(),
                    kind.getValue() == ChannelKind.OPENAI_COMPATIBLE && speaksResponses.getValue());
            ChannelView saved = existing == null ? channels.create(draft) : channels.update(existing.id(), draft);
            secret.clear();
            Notices.done("Channel " + saved.name() + " saved");
            onChange.run();
            close();
        } catch (InvalidChannelException | ChannelNotFoundException e) {
            errors.show(e.getMessage());
        }
    }

    private Map<String, String> mapping() {
        return ModelMappingText.parse(models.getValue());
    }

    private void confirmDelete() {
        ConfirmDialog confirm = new ConfirmDialog(
                "Delete " + existing.name() + "?",
                "Requests stop going to this channel at once. Video jobs it is still making will fail and be refunded.",
                "Delete",
                e -> {
                    try {
                        channels.delete(existing.id());
                        Notices.done("Channel " + existing.name() + " deleted");
                    } catch (ChannelNotFoundException gone) {
                        Notices.failed("Channel " + existing.name() + " was deleted meanwhile");
                    }
                    onChange.run();
                    close();
                });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }

    private static int valueOr(IntegerField field, int fallback) {
        return field.getValue() == null ? fallback : field.getValue();
    }
}
