package dev.tollgate.portal.team;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.tollgate.portal.Notices;
import dev.tollgate.webhook.IssuedWebhookSecret;

/** Shows a webhook's new signing secret the one time it is shown, with a copy button. */
class WebhookSecretDialog extends Dialog {

    WebhookSecretDialog(IssuedWebhookSecret issued) {
        setHeaderTitle("Webhook signing secret");
        setCloseOnOutsideClick(false);
        Paragraph warning = new Paragraph(
                "Copy this secret now and keep it with your receiver. It is shown only once; rotate it if it is lost.");
        warning.addClassName("once-warning");

        TextField secret = new TextField();
        secret.setValue(issued.secret());
        secret.setReadOnly(true);
        secret.setId("new-webhook-secret");
        secret.addClassName("secret-field");
        secret.setWidthFull();
        secret.setAriaLabel("Webhook signing secret");

        Button copy = new Button("Copy", VaadinIcon.COPY.create());
        copy.setId("copy-webhook-secret");
        copy.addClickListener(e -> copy.getElement()
                .executeJs("return navigator.clipboard.writeText($0)", issued.secret())
                .then(
                        ok -> Notices.done("Copied to the clipboard"),
                        failed -> Notices.failed("Copy failed: select the secret and copy it by hand")));
        HorizontalLayout row = new HorizontalLayout(secret, copy);
        row.setWidthFull();
        row.setAlignItems(FlexComponent.Alignment.BASELINE);

        Paragraph usage = new Paragraph("Each event carries X-Tollgate-Signature: sha256= and the HMAC-SHA256 of "
                + "“<X-Tollgate-Timestamp>.<body>” under this secret.");
        usage.addClassName("section-note");
        add(new VerticalLayout(warning, row, usage));

        Button done = new Button("I have copied it", e -> close());
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        done.setId("close-webhook-secret");
        getFooter().add(done);
        setWidth("42rem");
    }
}
