package dev.tollgate.portal.playground;

import com.vaadin.flow.server.VaadinSession;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.UserId;
import dev.tollgate.money.Credits;
import dev.tollgate.provider.ChatMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One chat in the playground: what was said, what the model answered, a message that could not be sent, and what the
 * replies cost. It lives in the signed-in person's session, one per team, so it survives leaving the playground and
 * coming back; "New chat" empties it and signing out ends it. Read and changed only while the session is locked (on
 * the UI thread or inside {@code ui.access}).
 */
final class ChatConversation {

    /** Who an entry is from. A notice is the portal telling the person something; it is never sent to the model. */
    enum Speaker {
        YOU,
        MODEL,
        NOTICE
    }

    /** One message as shown; {@code caption} is the name line (the model, its tokens and cost). */
    record Entry(Speaker speaker, String text, String caption, Instant time) {}

    private record Owner(TeamId team, @Nullable UserId user) {}

    private final List<Entry> entries = new ArrayList<>();
    private Credits spent = Credits.ZERO;

    /** The conversation this person keeps with this team in their session, created empty the first time. */
    static ChatConversation kept(TeamId team, @Nullable UserId user) {
        VaadinSession session = VaadinSession.getCurrent();
        @SuppressWarnings("unchecked")
        Map<Owner, ChatConversation> all = (Map<Owner, ChatConversation>) session.getAttribute(Owner.class.getName());
        if (all == null) {
            all = new HashMap<>();
            session.setAttribute(Owner.class.getName(), all);
        }
        return all.computeIfAbsent(new Owner(team, user), owner -> new ChatConversation());
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    Credits spent() {
        return spent;
    }

    /** The messages a next request carries: what was said and answered, without notices. */
    List<ChatMessage> history() {
        return entries.stream()
                .filter(entry -> entry.speaker() != Speaker.NOTICE)
                .map(entry -> entry.speaker() == Speaker.YOU
                        ? ChatMessage.user(entry.text())
                        : ChatMessage.assistant(entry.text()))
                .toList();
    }

    /** The person's message goes in; a notice about an earlier failed send has served its purpose. */
    void said(String text, Instant time) {
        entries.removeIf(entry -> entry.speaker() == Speaker.NOTICE);
        entries.add(new Entry(Speaker.YOU, text, "You", time));
    }

    void answered(String text, String caption, Credits charged, Instant time) {
        entries.add(new Entry(Speaker.MODEL, text, caption, time));
        spent = spent.plus(charged);
    }

    /**
     * The last message could not be sent: it leaves the conversation (so no question hangs there unanswered) and a
     * notice says why in its place.
     */
    void notSent(String why, Instant time) {
        if (!entries.isEmpty() && entries.getLast().speaker() == Speaker.YOU) {
            entries.removeLast();
        }
        entries.add(new Entry(Speaker.NOTICE, why, "Not sent", time));
    }

    void clear() {
        entries.clear();
        spent = Credits.ZERO;
    }
}
