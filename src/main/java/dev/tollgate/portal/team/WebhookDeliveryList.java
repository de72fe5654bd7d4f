package dev.tollgate.portal.team;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import dev.tollgate.portal.DisplayFormats;
import dev.tollgate.webhook.WebhookDeliveryAttempt;
import java.util.List;

/**
 * The latest webhook delivery attempts, newest first: when, which event and try, what the receiver answered or why
 * it could not be reached, and when the next try is due. Lines wrap rather than scroll, so they read on a phone.
 */
class WebhookDeliveryList extends Div {

    private final Div lines = new Div();

    WebhookDeliveryList() {
        lines.addClassName("delivery-lines");
        add(new H4("Recent deliveries"), lines);
        setId("webhook-deliveries");
        addClassName("webhook-deliveries");
    }

    void show(List<WebhookDeliveryAttempt> attempts) {
        lines.removeAll();
        if (attempts.isEmpty()) {
            Paragraph none = new Paragraph("No events have been posted yet.");
            none.addClassName("section-note");
            lines.add(none);
        }
        attempts.forEach(attempt -> lines.add(line(attempt)));
    }

    private static Div line(WebhookDeliveryAttempt attempt) {
        Span time = new Span(DisplayFormats.dateTime(attempt.at()));
        time.addClassName("delivery-time");
        Span event = new Span(eventName(attempt.eventType()) + ", attempt " + attempt.attempt());
        event.addClassName("delivery-event");
        Span outcome = new Span(outcome(attempt));
        outcome.addClassName(attempt.delivered() ? "delivery-delivered" : "delivery-failed");
        Div line = new Div(time, event, outcome);
        if (attempt.nextRetryAt() != null) {
            Span retry = new Span("next retry " + DisplayFormats.dateTime(attempt.nextRetryAt()));
            retry.addClassName("delivery-next-retry");
            line.add(retry);
        }
        line.addClassName("delivery-attempt");
        line.getElement().setAttribute("title", "Event " + attempt.eventId());
        return line;
    }

    private static String outcome(WebhookDeliveryAttempt attempt) {
        String status = attempt.httpStatus() == null ? null : "HTTP " + attempt.httpStatus();
        if (attempt.delivered()) {
            return status == null ? "Delivered" : "Delivered, " + status;
        }
        return status == null ? "Failed: " + attempt.error() : status;
    }

    private static String eventName(String type) {
        return switch (type) {
            case "key.budget.threshold" -> "Budget alert";
            case "webhook.test" -> "Test event";
            default -> type;
        };
    }
}
