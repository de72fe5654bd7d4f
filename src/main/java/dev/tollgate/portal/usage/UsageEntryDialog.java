package dev.tollgate.portal.usage;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.tollgate.portal.DisplayFormats;
import dev.tollgate.usage.UsageEntry;

/** One request in full: ids, channel, tokens and cost line by line, timings and the error if it failed. */
final class UsageEntryDialog extends Dialog {

    UsageEntryDialog(UsageEntry entry) {
        setHeaderTitle("Request " + entry.requestId());
        setId("usage-detail");
        setWidth("min(40rem, 96vw)");
        VerticalLayout facts = new VerticalLayout(
                fact("When", DisplayFormats.dateTime(entry.createdAt())),
                fact("Request id", entry.requestId()),
                fact("Model", entry.model().value()),
                fact("Kind", UsageLabels.kind(entry.kind())),
                fact(
                        "Source",
                        UsageLabels.source(entry.source()) + (entry.dialect() == null ? "" : " · " + entry.dialect())),
                fact("Key", entry.apiKeyName() == null ? "—" : entry.apiKeyName()),
                fact("User", entry.userEmail() == null ? "—" : entry.userEmail()),
                fact("Channel", entry.channel() == null ? "—" : entry.channel()),
                fact(
                        "Status",
                        UsageLabels.status(entry.status())
                                + (entry.finishReason() == null ? "" : " · " + entry.finishReason())),
                fact(
                        "Input",
                        entry.tokens().input() + " tokens · "
                                + entry.tokenCost().input().display()),
                fact(
                        "Output",
                        entry.tokens().output() + " tokens · "
                                + entry.tokenCost().output().display()),
                fact(
                        "Cache read",
                        entry.tokens().cacheRead() + " tokens · "
                                + entry.tokenCost().cacheRead().display()),
                fact(
                        "Cache write",
                        entry.tokens().cacheWrite() + " tokens · "
                                + entry.tokenCost().cacheWrite().display()),
                fact("Per request", entry.requestCost().display()),
                fact("Total", entry.totalCost().display()),
                fact("Latency", entry.latency().toMillis() + " ms"),
                fact(
                        "First token",
                        entry.timeToFirstToken() == null
                                ? "—"
                                : entry.timeToFirstToken().toMillis() + " ms"));
        facts.setPadding(false);
        facts.setSpacing(false);
        add(facts);
        if (entry.error() != null) {
            Paragraph error = new Paragraph(entry.error());
            error.addClassName("form-error");
            add(error);
        }
        getFooter().add(new Button("Close", e -> close()));
    }

    private static Div fact(String label, String value) {
        Span name = new Span(label);
        name.addClassName("fact-label");
        Span text = new Span(value);
        text.addClassName("fact-value");
        Div fact = new Div(name, text);
        fact.addClassName("fact");
        return fact;
    }
}
