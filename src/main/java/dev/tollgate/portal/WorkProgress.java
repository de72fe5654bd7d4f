package dev.tollgate.portal;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import java.time.Duration;
import java.time.Instant;

/**
 * Shows that long work is under way: a moving bar and the seconds elapsed, ticking by server push while the work
 * runs, with what it usually takes so people know how long to wait.
 */
public class WorkProgress extends VerticalLayout {

    private final ProgressBar bar = new ProgressBar();
    private final Span label = new Span();
    private volatile boolean running;

    public WorkProgress() {
        bar.setIndeterminate(true);
        label.addClassName("section-note");
        add(bar, label);
        setPadding(false);
        setSpacing(false);
        setVisible(false);
        addClassName("work-progress");
    }

    /** Starts showing progress for {@code what}; call from the UI thread. */
    public void start(String what, String usually) {
        Instant started = Instant.now();
        running = true;
        setVisible(true);
        label.setText(what + "… " + usually);
        UI ui = UI.getCurrent();
        Thread.ofVirtual().name("work-progress").start(() -> {
            while (running) {
                try {
                    Thread.sleep(Duration.ofSeconds(1));
                } catch (InterruptedException e) {
                    return;
                }
                long seconds = Duration.between(started, Instant.now()).toSeconds();
                ui.access(() -> {
                    if (running) {
                        label.setText(what + "… " + seconds + " s (" + usually + ")");
                    }
                });
            }
        });
    }

    /** Stops and hides; call from the UI thread. */
    public void stop() {
        running = false;
        setVisible(false);
    }
}
