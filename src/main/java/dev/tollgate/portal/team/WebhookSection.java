package dev.tollgate.portal.team;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.tollgate.account.TeamId;
import dev.tollgate.portal.BackgroundWork;
import dev.tollgate.portal.Notices;
import dev.tollgate.webhook.InvalidWebhookException;
import dev.tollgate.webhook.TeamWebhook;
import dev.tollgate.webhook.TeamWebhookService;
import dev.tollgate.webhook.WebhookTestResult;
import java.util.Optional;

/**
 * The overview's webhook settings, for owners and admins: the URL, the masked secret, rotation (confirmed first, since
 * the receiver must be given the new secret) and a test event, with the log of recent delivery attempts below.
 */
class WebhookSection extends VerticalLayout {

    private final TeamWebhookService webhooks;
    private final BackgroundWork background;
    private final TeamId team;
    private final TextField url = new TextField("Webhook URL");
    private final Span secret = new Span();
    private final HorizontalLayout configured;
    private final WebhookDeliveryList deliveries = new WebhookDeliveryList();

    WebhookSection(TeamWebhookService webhooks, BackgroundWork background, TeamId team) {
        this.webhooks = webhooks;
        this.background = background;
        this.team = team;

        Paragraph note = new Paragraph("Tollgate posts a signed JSON event here when a key crosses 80% or 100% of its "
                + "budget. The URL must be reachable on the internet.");
        note.addClassName("section-note");
        url.setId("webhook-url");
        url.setPlaceholder("https://example.com/hooks/tollgate");
        url.setWidthFull();
        url.setMaxWidth("32rem");
        url.setClearButtonVisible(true);
        Button save = new Button("Save", e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-webhook");
        Button clear = new Button("Remove", e -> clear());
        clear.setId("clear-webhook");
        HorizontalLayout form = new HorizontalLayout(url, save, clear);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWidthFull();
        form.setWrap(true);

        secret.setId("webhook-secret-masked");
        secret.addClassName("masked-secret");
        Button rotate = new Button("Rotate secret", VaadinIcon.REFRESH.create(), e -> confirmRotate());
        rotate.setId("rotate-webhook-secret");
        Button test = new Button("Send test event", VaadinIcon.PAPERPLANE.create());
        test.setId("test-webhook");
        test.addClickListener(e -> sendTest(test));
        configured = new HorizontalLayout(new Span("Signing secret"), secret, rotate, test);
        configured.setAlignItems(FlexComponent.Alignment.BASELINE);
        configured.setWrap(true);

        add(new H3("Webhook"), note, form, configured, deliveries);
        setPadding(false);
        setId("webhook-section");
        show(webhooks.get(team));
    }

    private void show(Optional<TeamWebhook> webhook) {
        url.setValue(webhook.map(current -> current.url().toString()).orElse(""));
        secret.setText(webhook.map(TeamWebhook::maskedSecret).orElse(""));
        configured.setVisible(webhook.isPresent());
        deliveries.show(webhooks.deliveries(team));
    }

    private void save() {
        try {
            webhooks.save(team, url.getValue()).ifPresent(issued -> new WebhookSecretDialog(issued).open());
            url.setInvalid(false);
            show(webhooks.get(team));
            Notices.done("Webhook saved");
        } catch (InvalidWebhookException e) {
            url.setErrorMessage(e.getMessage());
            url.setInvalid(true);
        }
    }

    private void clear() {
        webhooks.clear(team);
        url.setInvalid(false);
        show(Optional.empty());
        Notices.done("Webhook removed");
    }

    private void confirmRotate() {
        ConfirmDialog confirm = new ConfirmDialog(
                "Rotate the signing secret?",
                "Events are signed with the new secret at once: until your receiver has it, it rejects them. The new "
                        + "secret is shown once.",
                "Rotate",
                e -> rotate());
        confirm.setCancelable(true);
        confirm.setConfirmButtonTheme("error primary");
        confirm.setId("confirm-rotate-webhook-secret");
        confirm.open();
    }

    private void rotate() {
        new WebhookSecretDialog(webhooks.rotateSecret(team)).open();
        show(webhooks.get(team));
    }

    /** Waits for the receiver off the UI thread: it may take up to the fetch time-out. */
    private void sendTest(Button test) {
        UI ui = UI.getCurrent();
        test.setEnabled(false);
        background.start("webhook-test", () -> {
            WebhookTestResult result;
            try {
                result = webhooks.sendTest(team);
            } catch (RuntimeException e) {
                result = new WebhookTestResult(false, "The test event could not be sent");
            }
            WebhookTestResult outcome = result;
            ui.access(() -> {
                test.setEnabled(true);
                deliveries.show(webhooks.deliveries(team));
                if (outcome.delivered()) {
                    Notices.done(outcome.message());
                } else {
                    Notices.failed("The test event was not delivered: " + outcome.message());
                }
            });
        });
    }
}
