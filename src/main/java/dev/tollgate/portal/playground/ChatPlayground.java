package dev.tollgate.portal.playground;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.messages.MessageInput;
import com.vaadin.flow.component.messages.MessageList;
import com.vaadin.flow.component.messages.MessageListItem;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamMembership;
import dev.tollgate.calls.CallRefusedException;
import dev.tollgate.calls.ChatCall;
import dev.tollgate.calls.ChatOutcome;
import dev.tollgate.calls.ChatPipeline;
import dev.tollgate.money.Credits;
import dev.tollgate.portal.BackgroundWork;
import dev.tollgate.portal.BalanceChanged;
import dev.tollgate.portal.DisplayFormats;
import dev.tollgate.portal.Notices;
import dev.tollgate.portal.RefusalWording;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.web.RequestIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The playground's chat tab: replies stream in as markdown, each shows its tokens and cost, and the header balance
 * follows. Calls go through the same pipeline as the API, tagged as playground usage.
 */
final class ChatPlayground extends VerticalLayout {

    private final ChatPipeline pipeline;
    private final BackgroundWork background;
    private final TeamAccess access;
    private final PlaygroundSettings settings;
    private final MessageList messages = new MessageList();
    private final MessageInput input = new MessageInput();
    private final Button stop = new Button("Stop", VaadinIcon.STOP.create());
    private final Span conversationCost = new Span();
    private final List<ChatMessage> history = new ArrayList<>();
    private Credits spent = Credits.ZERO;
    private @Nullable AtomicBoolean stopRequested;

    ChatPlayground(ChatPipeline pipeline, TeamMembership team, BackgroundWork background, TeamAccess access) {
        this.pipeline = pipeline;
        this.background = background;
        this.access = access;
        this.settings = new PlaygroundSettings(pipeline.models());
        Button viewCode = new Button(
                "View code",
                VaadinIcon.CODE.create(),
                e -> new ViewCodeDialog(settings.snapshot(), history, ViewCodeDialog.baseUrl()).open());
        viewCode.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Button reset = new Button("New conversation", VaadinIcon.REFRESH.create(), e -> reset());
        reset.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        messages.setMarkdown(true);
        messages.setSizeFull();
        messages.setId("playground-messages");
        input.setWidthFull();
        input.setId("playground-input");
        input.addSubmitListener(event -> send(team, event.getValue()));
        stop.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        stop.setVisible(false);
        stop.setId("playground-stop");
        stop.addClickListener(e -> {
            if (stopRequested != null) {
                stopRequested.set(true);
            }
        });
        conversationCost.setId("conversation-cost");
        conversationCost.addClassName("conversation-cost");
        updateCost();

        HorizontalLayout toolbar = new HorizontalLayout(stop, conversationCost, viewCode, reset);
        toolbar.setWidthFull();
        toolbar.setAlignItems(Alignment.CENTER);
        VerticalLayout chat = new VerticalLayout(messages, toolbar, input);
        chat.setPadding(false);
        chat.setSizeFull();
        chat.setFlexGrow(1, messages);
        chat.addClassName("playground-chat");
        HorizontalLayout body = new HorizontalLayout(settings, chat);
        body.setSizeFull();
        body.setFlexGrow(1, chat);
        add(body);
        setSizeFull();
        setPadding(false);
    }

    private void send(TeamMembership team, String text) {
        if (text.isBlank() || stopRequested != null) {
            return;
        }
        PlaygroundSettings.Snapshot chosen = settings.snapshot();
        history.add(ChatMessage.user(text));
        MessageListItem question = new MessageListItem(text, Instant.now(), "You");
        question.setUserColorIndex(1);
        MessageListItem answer =
                new MessageListItem("", Instant.now(), chosen.model().name());
        answer.setUserColorIndex(2);
        answer.setUserAbbreviation("AI");
        answer.addClassNames("assistant-message");
        List<MessageListItem> items = new ArrayList<>(messages.getItems());
        items.add(question);
        items.add(answer);
        messages.setItems(items);

        ChatRequest request = new ChatRequest(
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
        ChatCall call = ChatCall.portal(
                RequestIds.next(), team.team().id(), access.currentUserId().orElse(null), request);
        AtomicBoolean stopFlag = new AtomicBoolean();
        stopRequested = stopFlag;
        streaming(true);
        UI ui = UI.getCurrent();
        background.start("playground-" + call.requestId(), () -> run(ui, call, answer, stopFlag));
    }

    private void run(UI ui, ChatCall call, MessageListItem answer, AtomicBoolean stopFlag) {
        try {
            ChatOutcome outcome = pipeline.execute(call, new PlaygroundTurn(ui, answer, stopFlag));
            ui.access(() -> finished(answer, outcome));
        } catch (CallRefusedException refused) {
            ui.access(() -> failed(answer, RefusalWording.of(refused.refusal())));
        } catch (RuntimeException unexpected) {
            ui.access(() -> failed(answer, "The request failed. Try again in a moment."));
        }
    }

    private void finished(MessageListItem answer, ChatOutcome outcome) {
        history.add(ChatMessage.assistant(answer.getText()));
        spent = spent.plus(outcome.charged());
        answer.setUserName(answer.getUserName() + " · " + outcome.usage().prompt() + " in / "
                + outcome.usage().output() + " out tokens · "
                + DisplayFormats.cost(outcome.charged())
                + (outcome.status() == dev.tollgate.usage.UsageStatus.CANCELLED ? " · stopped" : ""));
        messages.setItems(new ArrayList<>(messages.getItems()));
        updateCost();
        streaming(false);
        BalanceChanged.fire();
    }

    private void failed(MessageListItem answer, String message) {
        history.removeLast();
        List<MessageListItem> items = new ArrayList<>(messages.getItems());
        items.remove(answer);
        messages.setItems(items);
        streaming(false);
        Notices.failed(message);
    }

    private void streaming(boolean active) {
        stop.setVisible(active);
        input.setEnabled(!active);
        if (!active) {
            stopRequested = null;
        }
    }

    private void reset() {
        history.clear();
        messages.setItems(List.of());
        spent = Credits.ZERO;
        updateCost();
    }

    private void updateCost() {
        conversationCost.setText("Conversation: " + DisplayFormats.cost(spent));
    }
}
