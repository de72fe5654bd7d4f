package dev.tollgate.portal.playground;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Where the next message is written: Enter sends it, Shift+Enter starts a new line, and when the person pauses typing
 * the prompt's size in tokens shows underneath. A text field rather than the stock message input, because the
 * playground must read what is being typed (to count it) and put a message that could not be sent back.
 */
final class PromptBox extends Div {

    /** How long typing must pause before the prompt is counted; counting on every key would flood the server. */
    static final int COUNT_AFTER_MILLIS = 400;

    private final TextArea text = new TextArea();
    private final Button send = new Button("Send", VaadinIcon.PAPERPLANE.create());
    private final Span tokens = new Span();
    private final ToLongFunction<String> promptTokens;

    PromptBox(Consumer<String> onSend, ToLongFunction<String> promptTokens) {
        this.promptTokens = promptTokens;
        text.setId("playground-input");
        text.setPlaceholder("Message");
        text.setAriaLabel("Message");
        text.setMaxHeight("14rem");
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setValueChangeTimeout(COUNT_AFTER_MILLIS);
        text.addValueChangeListener(e -> count());
        text.addClassName("prompt-text");
        Shortcuts.addShortcutListener(text, () -> onSend.accept(text.getValue()), Key.ENTER)
                .listenOn(text);
        send.setId("playground-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickListener(e -> onSend.accept(text.getValue()));
        send.setAriaLabel("Send");
        tokens.setId("playground-tokens");
        tokens.addClassName("section-note");
        Div row = new Div(text, send);
        row.addClassName("prompt-row");
        add(row, tokens);
        addClassName("prompt-box");
    }

    void clear() {
        text.clear();
    }

    /** Puts a message back to be sent again, e.g. after it was refused. */
    void putBack(String message) {
        text.setValue(message);
    }

    void setSending(boolean sending) {
        text.setEnabled(!sending);
        send.setEnabled(!sending);
        if (!sending) {
            text.focus();
        }
    }

    /** Counts the prompt the next send would make, or shows nothing while there is nothing to send. */
    void count() {
        String message = text.getValue();
        if (message.isBlank()) {
            tokens.setText("");
            return;
        }
        tokens.setText(String.format(Locale.ROOT, "Prompt: %,d tokens", promptTokens.applyAsLong(message)));
    }
}
