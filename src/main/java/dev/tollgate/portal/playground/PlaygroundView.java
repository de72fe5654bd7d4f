package dev.tollgate.portal.playground;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.BeforeLeaveEvent;
import com.vaadin.flow.router.BeforeLeaveObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamMembership;
import dev.tollgate.calls.ChatPipeline;
import dev.tollgate.calls.ImagePipeline;
import dev.tollgate.portal.BackgroundWork;
import dev.tollgate.portal.CurrentTeam;
import dev.tollgate.portal.ViewHeader;
import jakarta.annotation.security.PermitAll;
import org.jspecify.annotations.Nullable;

/**
 * Try models on the team's credit, billed like API calls: chat in one tab, images in the other. Links such as
 * {@code playground?tab=image&model=…&prompt=…} (the gallery's "reuse prompt") open the image tab filled in.
 */
@Route("playground")
@PageTitle("Playground · Tollgate")
@PermitAll
public class PlaygroundView extends VerticalLayout implements BeforeEnterObserver, BeforeLeaveObserver {

    private final TabSheet tabs = new TabSheet();
    private @Nullable ImagePlayground images;
    private @Nullable ChatPlayground chat;

    PlaygroundView(
            ChatPipeline chatPipeline,
            ImagePipeline imagePipeline,
            CurrentTeam currentTeam,
            BackgroundWork background,
            TeamAccess access) {
        TeamMembership team = currentTeam.get().orElse(null);
        if (team == null) {
            add(new ViewHeader("Playground", "You are not a member of any team yet. Ask a platform admin to add you."));
            return;
        }
        add(new ViewHeader(
                "Playground",
                "Try chat and image models on " + team.team().name() + "'s credit. Everything is billed like API"
                        + " calls."));
        images = new ImagePlayground(imagePipeline, team, background, access);
        this.chat = new ChatPlayground(chatPipeline, team, background, access);
        tabs.add("Chat", this.chat).setId("playground-chat-tab");
        tabs.add("Image", images).setId("playground-image-tab");
        tabs.setSizeFull();
        add(tabs);
        setSizeFull();
    }

    /** A link that opens the image tab with a model and prompt filled in. */
    public static String imageLink(String model, String prompt) {
        return "playground?"
                + QueryParameters.simple(java.util.Map.of("tab", "image", "model", model, "prompt", prompt))
                        .getQueryString();
    }

    /** Leaving the playground ends a reply still streaming; what arrived stays in the conversation, charged. */
    @Override
    public void beforeLeave(BeforeLeaveEvent event) {
        if (chat != null) {
            chat.stopReply();
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (images == null) {
            return;
        }
        var parameters = event.getLocation().getQueryParameters();
        if (parameters.getSingleParameter("tab").filter("image"::equals).isPresent()) {
            tabs.setSelectedIndex(1);
            images.prefill(
                    parameters.getSingleParameter("model").orElse(null),
                    parameters.getSingleParameter("prompt").orElse(null));
        }
    }
}
