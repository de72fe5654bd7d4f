package dev.tollgate.portal.videos;

import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeLabel;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import dev.tollgate.media.MediaId;
import dev.tollgate.portal.DisplayFormats;
import dev.tollgate.video.VideoJob;
import dev.tollgate.video.VideoStatus;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One job in the queue: its prompt, model, status and progress, elapsed time and cost; the video itself, playable
 * inline, once it is completed; the reason, and that the cost was refunded, when it failed.
 */
final class VideoJobCard extends Div {

    private final Div player = new Div();
    private final Badge status = new Badge();
    private final ProgressBar progress = new ProgressBar(0, 100);
    private final Span progressText = new Span();
    private final Span elapsed = new Span();
    private final Span cost = new Span();
    private final Paragraph problem = new Paragraph();
    private VideoJob job;
    private boolean playerShown;

    VideoJobCard(VideoJob job) {
        this.job = job;
        addClassName("video-job");
        setId("video-job-" + job.id());
        player.addClassName("video-player");
        Paragraph prompt = new Paragraph(job.prompt());
        prompt.addClassName("video-prompt-text");
        Span model = new Span(job.model().value() + " · " + job.seconds() + " s · " + job.size());
        model.addClassName("video-meta");
        status.addClassName("video-status");
        progress.addClassName("video-progress");
        progressText.addClassName("video-meta");
        elapsed.addClassName("video-meta");
        cost.addClassName("video-meta");
        problem.addClassName("video-problem");
        Div statusLine = new Div(status, progressText);
        statusLine.addClassName("video-status-line");
        Div facts = new Div(elapsed, cost, new NativeLabel(DisplayFormats.dateTime(job.createdAt())));
        facts.addClassName("video-facts");
        Div details = new Div(prompt, model, statusLine, progress, facts, problem);
        details.addClassName("video-details");
        add(player, details);
        show(job, Instant.now());
    }

    VideoJob job() {
        return job;
    }

    /** Shows the job as it now is; cheap when nothing but the clock moved. */
    void show(VideoJob current, Instant now) {
        job = current;
        getElement().setAttribute("data-status", current.status().wire());
        status.setText(label(current.status()));
        status.removeThemeVariants(BadgeVariant.values());
        BadgeVariant variant = variant(current.status());
        if (variant != null) {
            status.addThemeVariants(variant);
        }
        boolean running = !current.status().isFinished();
        progress.setVisible(running);
        progress.setIndeterminate(current.status() == VideoStatus.QUEUED);
        progress.setValue(current.progress());
        progressText.setText(running && current.status() == VideoStatus.IN_PROGRESS ? current.progress() + " %" : "");
        Instant end = current.completedAt() == null ? now : current.completedAt();
        elapsed.setText(duration(Duration.between(current.createdAt(), end)));
        cost.setText(
                current.refunded()
                        ? DisplayFormats.cost(current.cost()) + " refunded"
                        : DisplayFormats.cost(current.cost()));
        boolean failed = current.status() == VideoStatus.FAILED;
        problem.setVisible(failed);
        if (failed) {
            problem.setText((current.error() == null ? "The video could not be made." : current.error())
                    + (current.refunded() ? " Its cost was refunded." : ""));
        }
        if (current.status() == VideoStatus.COMPLETED && current.video() != null && !playerShown) {
            showPlayer(current.video());
        } else if (!playerShown) {
            player.setText(running ? "Rendering…" : "No video");
        }
    }

    private void showPlayer(MediaId video) {
        playerShown = true;
        player.setText("");
        com.vaadin.flow.dom.Element element = new com.vaadin.flow.dom.Element("video");
        element.setAttribute("src", "/media/" + video + ".mp4");
        element.setAttribute("poster", "/media/thumbnails/" + video + ".jpg");
        element.setAttribute("controls", true);
        element.setAttribute("preload", "metadata");
        element.setAttribute("playsinline", true);
        element.setAttribute("muted", true);
        player.getElement().appendChild(element);
    }

    private static String label(VideoStatus status) {
        return switch (status) {
            case QUEUED -> "Queued";
            case IN_PROGRESS -> "In progress";
            case COMPLETED -> "Completed";
            case FAILED -> "Failed";
        };
    }

    private static @Nullable BadgeVariant variant(VideoStatus status) {
        return switch (status) {
            case QUEUED -> BadgeVariant.CONTRAST;
            case IN_PROGRESS -> null;
            case COMPLETED -> BadgeVariant.SUCCESS;
            case FAILED -> BadgeVariant.ERROR;
        };
    }

    private static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }
}
