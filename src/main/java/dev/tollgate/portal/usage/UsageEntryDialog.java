package dev.tollgate.portal.usage;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.portal.DisplayFormats;
import dev.tollgate.portal.Fact;
import dev.tollgate.usage.UsageEntry;

/** One request in full: ids, channel, tokens and cost line by line, timings and the error if it failed. */
final class UsageEntryDialog extends Dialog {

    UsageEntryDialog(UsageEntry entry) {
        setHeaderTitle("Request " + entry.requestId());
        setId("usage-detail");
        setWidth("min(40rem, 96vw)");
        VerticalLayout facts = new VerticalLayout(
                new Fact("When", DisplayFormats.dateTime(entry.createdAt())),
                new Fact("Request id", entry.requestId()),
                new Fact("Model", entry.model().value()),
                new Fact(
                        "Requested as",
                        entry.requestedAlias().map(ModelId::value).orElse("—")),
                new Fact("Kind", UsageLabels.kind(entry.kind())),
                new Fact(
                        "Source",
                        UsageLabels.source(entry.source())
                                + (entry.dialect() == null ? "" : " · " + UsageLabels.dialect(entry.dialect()))),
                new Fact("Key", entry.apiKeyName() == null ? "—" : entry.apiKeyName()),
                new Fact("User", entry.userEmail() == null ? "—" : entry.userEmail()),
                new Fact("Channel", entry.channel() == null ? "—" : entry.channel()),
                new Fact("Session", entry.session() == null ? "—" : entry.session()),
                new Fact(
                        "Status",
                        UsageLabels.status(entry.status())
                                + (entry.finishReason() == null ? "" : " · " + entry.finishReason())),
                new Fact(
                        "Input",
                        entry.tokens().input() + " tokens · "
                                + DisplayFormats.cost(entry.tokenCost().input())),
                new Fact(
                        "Output",
                        entry.tokens().output() + " tokens · "
                                + DisplayFormats.cost(entry.tokenCost().output())),
                new Fact("Reasoning", entry.reasoningTokens() + " of the output tokens"),
                new Fact(
                        "Cache read",
                        entry.tokens().cacheRead() + " tokens · "
                                + DisplayFormats.cost(entry.tokenCost().cacheRead())),
                new Fact(
                        "Cache write",
                        entry.tokens().cacheWrite() + " tokens · "
                                + DisplayFormats.cost(entry.tokenCost().cacheWrite())),
                new Fact(
                        "Cache write 1h",
                        entry.tokens().cacheWrite1h() + " tokens · "
                                + DisplayFormats.cost(entry.tokenCost().cacheWrite1h())),
                new Fact("Per request", DisplayFormats.cost(entry.requestCost())),
                new Fact("Total", DisplayFormats.cost(entry.totalCost())),
                new Fact("Latency", entry.latency().toMillis() + " ms"),
                new Fact(
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
}
