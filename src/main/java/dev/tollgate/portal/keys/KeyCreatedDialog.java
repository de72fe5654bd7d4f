package dev.tollgate.portal.keys;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.tollgate.apikey.IssuedApiKey;

/** Shows a new key's secret the one time it exists outside the caller's hands, with a copy button. */
class KeyCreatedDialog extends Dialog {

    KeyCreatedDialog(IssuedApiKey issued) {
        // a key's name may be 200 characters: it goes under the title, where it can wrap
        setHeaderTitle("Key created");
        Paragraph name = new Paragraph("“" + issued.key().name() + "”");
        name.addClassName("dialog-subject");
        setCloseOnOutsideClick(false);
        Paragraph warning = new Paragraph(
                "Copy this key now. It is shown only once: Tollgate keeps only a hash of it and cannot show it again.");
        warning.addClassName("once-warning");

        TextField secret = new TextField();
        secret.setValue(issued.plaintext());
        secret.setReadOnly(true);
        secret.setId("new-key-secret");
        secret.addClassName("secret-field");
        secret.setWidthFull();
        secret.setAriaLabel("New API key");

        Button copy = new Button("Copy", VaadinIcon.COPY.create());
        copy.setId("copy-new-key");
        copy.addClickListener(e -> copy.getElement()
                .executeJs("return navigator.clipboard.writeText($0)", issued.plaintext())
                .then(
                        ok -> Notification.show("Copied to the clipboard", 2000, Notification.Position.BOTTOM_END)
                                .addThemeVariants(NotificationVariant.LUMO_SUCCESS),
                        failed -> Notification.show(
                                "Copy failed: select the key and copy it by hand",
                                4000,
                                Notification.Position.BOTTOM_END)));
        HorizontalLayout row = new HorizontalLayout(secret, copy);
        row.setWidthFull();
        row.setAlignItems(FlexComponent.Alignment.BASELINE);

        Paragraph usage =
                new Paragraph("Send it as “Authorization: Bearer …” to /v1 with any OpenAI or Anthropic SDK.");
        usage.addClassName("section-note");
        add(new VerticalLayout(name, warning, row, usage));

        Button done = new Button("I have copied it", e -> close());
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        done.setId("close-new-key");
        getFooter().add(done);
        setWidth("min(42rem, 96vw)");
    }
}
