package dev.tollgate.portal.playground;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.messages.MessageList;
import com.vaadin.flow.component.messages.MessageListItem;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamMembership;
import dev.tollgate.calls.CallRefusedException;
import dev.tollgate.calls.ChatCall;
import dev.tollgate.calls.ChatOutcome;
import dev.tollgate.calls.ChatPipeline;
import dev.tollgate.portal.BackgroundWork;
import dev.tollgate.portal.BalanceChanged;
import dev.tollgate.portal.DisplayFormats;
import dev.tollgate.portal.RefusalWording;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.usage.UsageStatus;
import dev.tollgate.web.RequestIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The playground's chat tab: replies stream in as markdown, each shows its tokens and cost, and the header balance
 * follows. Calls go through the same pipeline as the API, tagged as playground usage. The conversation is kept in the
 * session (see {@link ChatConversation}); a message that cannot be sent goes back into the box with the reason shown
 * in the conversation. On a narrow screen the settings fold away behind a button above the chat.
 */
final class ChatPlayground extends Div {

    private final ChatPipeline pipeline;
    private final BackgroundWork background;
    private final TeamAccess access;
    private final TeamMembership team;
    private final ChatConversation conversation;
    private final PlaygroundSettings settings;
    private final MessageList messages = new MessageList();
    private final PromptBox box;
    private final Button stop = new Button("Stop", VaadinIcon.STOP.create());
    private final Button newChat = new Button("New chat", VaadinIcon.PLUS.create());
    private final Span conversationCost = new Span();
    private @Nullable AtomicBoolean stopRequested;

    ChatPlayground(ChatPipeline pipeline, TeamMembership team, BackgroundWork background, TeamAccess access) {
        this.pipeline = pipeline;
        this.background = background;
        this.access = access;
        this.team = team;
        this.conversation =
                ChatConversation.kept(team.team().id(), access.currentUserId().orElse(null));
        this.settings = new PlaygroundSettings(pipeline.models());
        this.box = new PromptBox(this::send, this::promptTokens);
        settings.onPromptChange(box::count);

        Button toggleSettings = new Button("Settings", VaadinIcon.COG.create());
        toggleSettings.setId("playground-settings-toggle");
        toggleSettings.addClassName("playground-settings-toggle");
        toggleSettings.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        toggleSettings.addClickListener(e -> toggleSettings());
        Button viewCode = new Button(
                "View code",
                VaadinIcon.CODE.create(),
                e -> new ViewCodeDialog(settings.current(), conversation.history(), ViewCodeDialog.baseUrl()).open());
        viewCode.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        newChat.addClickListener(e -> newChat());
        newChat.setId("playground-new-chat");
        newChat.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        messages.setMarkdown(true);
        messages.setId("playground-messages");
        messages.addClassName("playground-messages");
        stop.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        stop.setVisible(false);
        stop.setId("playground-stop");
        stop.addClickListener(e -> stopReply());
        conversationCost.setId("conversation-cost");
        conversationCost.addClassName("conversation-cost");

        Div toolbar = new Div(toggleSettings, stop, conversationCost, viewCode, newChat);
        toolbar.addClassName("playground-toolbar");
        VerticalLayout chat = new VerticalLayout(toolbar, messages, box);
        chat.setPadding(false);
        chat.setSpacing(false);
        chat.addClassName("playground-chat");
        add(settings, chat);
        addClassName("playground-body");
        showConversation();
    }

    /** Ends a reply still streaming, as a client hanging up would; what arrived is kept and charged. */
    void stopReply() {
        if (stopRequested != null) {
            stopRequested.set(true);
        }
    }

    private void toggleSettings() {
        if (hasClassName("settings-open")) {
            removeClassName("settings-open");
        } else {
            addClassName("settings-open");
        }
    }

    private void send(String text) {
        if (text.isBlank() || stopRequested != null) {
            return;
        }
        PlaygroundSettings.Snapshot chosen = settings.validated().orElse(null);
        if (chosen == null) {
            addClassName("settings-open");
            return;
        }
        conversation.said(text, Instant.now());
        box.clear();
        MessageListItem answer =
                new MessageListItem("", Instant.now(), chosen.model().name());
        answer.setUserColorIndex(2);
        answer.setUserAbbreviation("AI");
        answer.addClassNames("assistant-message");
        List<MessageListItem> items = items();
        items.add(answer);
        messages.setItems(items);

        ChatCall call = ChatCall.portal(
                RequestIds.next(),
                team.team().id(),
                access.currentUserId().orElse(null),
                request(chosen, conversation.history()));
        AtomicBoolean stopFlag = new AtomicBoolean();
        stopRequested = stopFlag;
        sending(true);
        UI ui = UI.getCurrent();
        background.start("playground-" + call.requestId(), () -> run(ui, call, text, answer, stopFlag));
    }

    private ChatRequest request(PlaygroundSettings.Snapshot chosen, List<ChatMessage> history) {
        return new ChatRequest(
                chosen.model().id(),
                chosen.systemPrompt(),
                history,
                List.of(),
                ToolChoice.AUTO,
                chosen.maxTokens(),
                chosen.temperature(),
                List.of(),
                true,
                team.team().id().toString());
    }

    /** Tokens of the prompt sending {@code message} now would make: system prompt, conversation and the message. */
    private long promptTokens(String message) {
        List<ChatMessage> history = new ArrayList<>(conversation.history());
        history.add(ChatMessage.user(message));
        return pipeline.countPromptTokens(request(settings.current(), history));
    }

    private void run(UI ui, ChatCall call, String text, MessageListItem answer, AtomicBoolean stopFlag) {
        try {
            ChatOutcome outcome = pipeline.execute(call, new PlaygroundTurn(ui, answer, stopFlag));
            ui.access(() -> finished(answer, outcome));
        } catch (CallRefusedException refused) {
            ui.access(() -> failed(text, RefusalWording.of(refused.refusal())));
        } catch (RuntimeException unexpected) {
            ui.access(() -> failed(text, "The request failed. Try again in a moment."));
        }
    }

    private void finished(MessageListItem answer, ChatOutcome outcome) {
        String caption = answer.getUserName() + " · " + outcome.usage().prompt() + " in / "
                + outcome.usage().output() + " out tokens · "
                + DisplayFormats.cost(outcome.charged())
                + (outcome.status() == UsageStatus.CANCELLED ? " · stopped" : "");
        conversation.answered(answer.getText(), caption, outcome.charged(), answer.getTime());
        sending(false);
        showConversation();
        BalanceChanged.fire();
    }

    /** The refused message leaves the conversation and goes back into the box; the reason shows where it was. */
    private void failed(String text, String reason) {
        conversation.notSent(reason + " Your message is back in the box below.", Instant.now());
        sending(false);
        box.putBack(text);
        showConversation();
    }

    private void sending(boolean active) {
        stop.setVisible(active);
        newChat.setEnabled(!active);
        box.setSending(active);
        if (!active) {
            stopRequested = null;
        }
    }

    private void newChat() {
        conversation.clear();
        showConversation();
        box.count();
    }

    private void showConversation() {
        messages.setItems(items());
        conversationCost.setText("Conversation: " + DisplayFormats.cost(conversation.spent()));
    }

    private List<MessageListItem> items() {
        List<MessageListItem> items = new ArrayList<>();
        for (ChatConversation.Entry entry : conversation.entries()) {
            MessageListItem item = new MessageListItem(
                    entry.speaker() == ChatConversation.Speaker.YOU ? LongMessage.markdown(entry.text()) : entry.text(),
                    entry.time(),
                    entry.caption());
            switch (entry.speaker()) {
                case YOU -> item.setUserColorIndex(1);
                case MODEL -> {
                    item.setUserColorIndex(2);
                    item.setUserAbbreviation("AI");
                    item.addClassNames("assistant-message");
                }
                case NOTICE -> {
                    item.setUserAbbreviation("!");
                    item.addClassNames("playground-notice");
                }
            }
            items.add(item);
        }
        return items;
    }
}
