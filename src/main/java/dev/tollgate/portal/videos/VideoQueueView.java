package dev.tollgate.portal.videos;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamMembership;
import dev.tollgate.calls.CallRefusedException;
import dev.tollgate.calls.ImagePipeline;
import dev.tollgate.calls.VideoCall;
import dev.tollgate.calls.VideoPipeline;
import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.portal.BalanceChanged;
import dev.tollgate.portal.CurrentTeam;
import dev.tollgate.portal.DisplayFormats;
import dev.tollgate.portal.Notices;
import dev.tollgate.portal.RefusalWording;
import dev.tollgate.portal.ViewHeader;
import dev.tollgate.video.VideoJob;
import dev.tollgate.video.VideoJobs;
import dev.tollgate.video.VideoStatus;
import dev.tollgate.web.RequestIds;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The team's video jobs, newest first, updated live by server push while the page is open: progress bars move,
 * finished videos appear and play inline, failures say why and that the cost came back. A form on the side queues a
 * new job through the same pipeline as the API.
 */
@Route("videos")
@PageTitle("Video queue · Tollgate")
@PermitAll
public class VideoQueueView extends VerticalLayout {

    static final int SHOWN = 30;
    private static final Duration REFRESH = Duration.ofSeconds(1);

    private final VideoJobs jobs;
    private final VideoPipeline pipeline;
    private final TeamAccess access;
    private final @Nullable TeamMembership team;
    private final Select<CatalogModel> model = new Select<>();
    private final TextArea prompt = new TextArea("Prompt");
    private final Select<Integer> seconds = new Select<>();
    private final Select<String> size = new Select<>();
    private final Span price = new Span();
    private final Select<String> filter = new Select<>();
    private final Div list = new Div();
    private final Div empty = new Div();
    private final Map<String, VideoJobCard> cards = new LinkedHashMap<>();
    private volatile boolean attached;

    VideoQueueView(VideoJobs jobs, VideoPipeline pipeline, CurrentTeam currentTeam, TeamAccess access) {
        this.jobs = jobs;
        this.pipeline = pipeline;
        this.access = access;
        this.team = currentTeam.get().orElse(null);
        if (team == null) {
            add(new ViewHeader(
                    "Video queue", "You are not a member of any team yet. Ask a platform admin to add you."));
            return;
        }
        add(new ViewHeader(
                "Video queue",
                "Videos " + team.team().name() + " asked for, through the API or here. A job is charged when it is"
                        + " queued and refunded if it fails."));
        filter.setLabel("Status");
        filter.setItems("All", "Queued", "In progress", "Completed", "Failed");
        filter.setValue("All");
        filter.setId("video-filter");
        filter.addValueChangeListener(e -> reload());
        list.setId("video-jobs");
        list.addClassName("video-jobs");
        empty.addClassName("empty-state");
        empty.setId("video-empty");
        VerticalLayout queue = new VerticalLayout(filter, list, empty);
        queue.setPadding(false);
        HorizontalLayout body = new HorizontalLayout(form(), queue);
        body.setWidthFull();
        body.addClassName("video-queue-body");
        queue.addClassName("video-queue-list");
        body.setFlexGrow(1, queue);
        add(body);
        setSizeFull();
        addClassName("video-queue-view");
        reload();
    }

    private VerticalLayout form() {
        model.setLabel("Video model");
        model.setItems(pipeline.models());
        model.setItemLabelGenerator(CatalogModel::name);
        model.setWidthFull();
        model.setId("video-model");
        pipeline.models().stream().findFirst().ifPresent(model::setValue);
        model.addValueChangeListener(e -> showPrice());
        prompt.setId("video-prompt");
        prompt.setPlaceholder("A hot-air balloon over a misty valley at sunrise");
        prompt.setWidthFull();
        prompt.setMinHeight("6rem");
        prompt.setMaxLength(ImagePipeline.LONGEST_PROMPT);
        seconds.setLabel("Length");
        seconds.setItems(VideoPipeline.LENGTHS);
        seconds.setItemLabelGenerator(s -> s + " seconds");
        seconds.setValue(VideoPipeline.LENGTHS.getFirst());
        seconds.setId("video-seconds");
        size.setLabel("Size");
        size.setItems(VideoPipeline.SIZES);
        size.setValue(VideoPipeline.SIZES.getFirst());
        size.setId("video-size");
        HorizontalLayout shape = new HorizontalLayout(seconds, size);
        shape.setWidthFull();
        shape.setFlexGrow(1, seconds, size);
        seconds.setMinWidth("0");
        size.setMinWidth("0");
        price.addClassName("section-note");
        price.setId("video-price");
        showPrice();
        Button create = new Button("Queue video", VaadinIcon.FILM.create(), e -> create());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("video-create");
        VerticalLayout form = new VerticalLayout(new H4("New video"), model, prompt, shape, price, create);
        form.setPadding(false);
        form.setWidth("22rem");
        form.addClassName("playground-settings");
        form.setAlignItems(FlexComponent.Alignment.STRETCH);
        return form;
    }

    private void showPrice() {
        CatalogModel chosen = model.getValue();
        price.setText(
                chosen == null
                        ? ""
                        : DisplayFormats.exactMoney(chosen.requireRequestPrice())
                                + " per video, charged when it is queued; usually ready" + " in one to two minutes.");
    }

    private void create() {
        CatalogModel chosen = model.getValue();
        String text = prompt.getValue();
        if (team == null || chosen == null || text == null || text.isBlank()) {
            prompt.setInvalid(true);
            prompt.setErrorMessage("Describe the video you want");
            return;
        }
        prompt.setInvalid(false);
        try {
            VideoJob job = pipeline.create(VideoCall.fromPortal(
                    RequestIds.next(),
                    team.team().id(),
                    access.currentUserId().orElse(null),
                    chosen.id().value(),
                    text,
                    seconds.getValue(),
                    size.getValue()));
            prompt.clear();
            BalanceChanged.fire();
            Notices.done("Queued, charged " + DisplayFormats.cost(job.cost()));
            reload();
        } catch (CallRefusedException refused) {
            Notices.failed(RefusalWording.of(refused.refusal()));
        }
    }

    private @Nullable VideoStatus status() {
        return switch (filter.getValue()) {
            case "Queued" -> VideoStatus.QUEUED;
            case "In progress" -> VideoStatus.IN_PROGRESS;
            case "Completed" -> VideoStatus.COMPLETED;
            case "Failed" -> VideoStatus.FAILED;
            case null, default -> null;
        };
    }

    /** Reads the newest jobs again, keeping the cards (and their players) of jobs already shown. */
    private void reload() {
        if (team == null) {
            return;
        }
        List<VideoJob> newest = jobs.page(team.team().id(), status(), null, SHOWN, true);
        Instant now = Instant.now();
        List<VideoJobCard> ordered = new ArrayList<>();
        Map<String, VideoJobCard> kept = new LinkedHashMap<>();
        for (VideoJob job : newest) {
            VideoJobCard card = cards.get(job.id().value());
            if (card == null) {
                card = new VideoJobCard(job);
            } else {
                card.show(job, now);
            }
            kept.put(job.id().value(), card);
            ordered.add(card);
        }
        cards.clear();
        cards.putAll(kept);
        list.removeAll();
        ordered.forEach(list::add);
        empty.setText(
                status() == null
                        ? "No videos yet. Queue one with the form, or through the API with POST /v1/videos."
                        : "No videos with this status.");
        empty.setVisible(newest.isEmpty());
    }

    /** Pushes what changed: new jobs, progress and results, and the clock of running jobs. */
    private void refresh() {
        if (team == null) {
            return;
        }
        boolean anyRunning =
                cards.values().stream().anyMatch(card -> !card.job().status().isFinished());
        List<VideoJob> newest = jobs.page(team.team().id(), status(), null, SHOWN, true);
        boolean sameJobs = newest.stream().map(job -> job.id().value()).toList().equals(List.copyOf(cards.keySet()));
        if (!sameJobs) {
            reload();
            return;
        }
        if (anyRunning) {
            Instant now = Instant.now();
            boolean finishedNow = false;
            for (VideoJob job : newest) {
                VideoJobCard card = cards.get(job.id().value());
                finishedNow |= !card.job().status().isFinished() && job.status().isFinished();
                card.show(job, now);
            }
            if (finishedNow) {
                BalanceChanged.fire();
            }
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        if (team == null) {
            return;
        }
        attached = true;
        UI ui = attachEvent.getUI();
        Thread.ofVirtual().name("video-queue-refresh").start(() -> {
            while (attached) {
                try {
                    Thread.sleep(REFRESH);
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    ui.access(this::refresh);
                } catch (com.vaadin.flow.component.UIDetachedException gone) {
                    return;
                }
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        attached = false;
        super.onDetach(detachEvent);
    }
}
