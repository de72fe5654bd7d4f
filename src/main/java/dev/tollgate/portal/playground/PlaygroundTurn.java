package dev.tollgate.portal.playground;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.messages.MessageListItem;
import dev.tollgate.calls.ChatReplyListener;
import dev.tollgate.calls.ClientDisconnectedException;
import dev.tollgate.provider.ChatEvent;
import java.util.concurrent.atomic.AtomicBoolean;

/** Streams one reply into its message bubble; the Stop button ends it like a client that hangs up. */
final class PlaygroundTurn implements ChatReplyListener {

    private final UI ui;
    private final MessageListItem answer;
    private final AtomicBoolean stopRequested;

    PlaygroundTurn(UI ui, MessageListItem answer, AtomicBoolean stopRequested) {
        this.ui = ui;
        this.answer = answer;
        this.stopRequested = stopRequested;
    }

    @Override
    public void onEvent(ChatEvent event) {
        if (stopRequested.get() || !ui.isAttached()) {
            throw new ClientDisconnectedException();
        }
        if (event instanceof ChatEvent.TextDelta delta) {
            ui.access(() -> answer.appendText(delta.text()));
        }
    }

    @Override
    public void onFailure(String message) {
        ui.access(() -> answer.appendText("\n\n*The model failed mid-reply: " + message + "*"));
    }
}
