package dev.tollgate.admin;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamService;
import dev.tollgate.caller.AgentSession;
import dev.tollgate.usage.SpendReports;
import dev.tollgate.usage.UsageFilter;
import dev.tollgate.usage.UsageGrouping;
import dev.tollgate.usage.UsageHistory;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A team's usage: totals per day, model or key, and the raw rows as CSV. {@code from} and {@code to} are ISO dates
 * (UTC days), both included; {@code session} keeps the rows of one agent session.
 */
@RestController
@RequestMapping("/admin/v1/teams/{teamId}")
class AdminUsageController {

    private final TeamService teams;
    private final SpendReports reports;
    private final UsageHistory history;

    AdminUsageController(TeamService teams, SpendReports reports, UsageHistory history) {
        this.teams = teams;
        this.reports = reports;
        this.history = history;
    }

    @GetMapping("/usage")
    UsageReportBody usage(
            @PathVariable String teamId,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String groupBy) {
        TeamId team = AdminTeamsController.parse(teamId);
        LocalDate first = required("from", from);
        LocalDate last = required("to", to);
        UsageGrouping grouping = grouping(groupBy);
        teams.get(team);
        return UsageReportBody.of(
                team.toString(),
                first,
                last,
                grouping.name().toLowerCase(Locale.ROOT),
                reports.totalsBy(team, first, last, grouping));
    }

    /**
     * Written straight to the response on the request thread (not as an asynchronous body), so the export runs with
     * the caller's authentication and a failure before the first row is still a JSON error.
     */
    @GetMapping("/usage.csv")
    void csv(
            @PathVariable String teamId,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String session,
            HttpServletResponse response)
            throws IOException {
        TeamId team = AdminTeamsController.parse(teamId);
        LocalDate first = optional("from", from);
        LocalDate last = optional("to", to);
        UsageFilter filter = UsageFilter.ALL
                .between(
                        first == null
                                ? null
                                : first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                        last == null
                                ? null
                                : last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                .withSession(session(session));
        teams.get(team);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename("usage-" + team + ".csv")
                        .build()
                        .toString());
        Writer out = response.getWriter();
        history.exportCsv(team, filter, out);
        out.flush();
    }

    private static LocalDate required(String name, @Nullable String text) {
        LocalDate day = optional(name, text);
        if (day == null) {
            throw new IllegalArgumentException(name + " is required, as an ISO date such as 2026-05-01");
        }
        return day;
    }

    private static @Nullable LocalDate optional(String name, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " is an ISO date such as 2026-05-01, not \"" + text + "\"");
        }
    }

    private static @Nullable AgentSession session(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new AgentSession(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("session: " + e.getMessage());
        }
    }

    private static UsageGrouping grouping(@Nullable String text) {
        String value = text == null || text.isBlank() ? "day" : text.strip();
        return switch (value) {
            case "day" -> UsageGrouping.DAY;
            case "model" -> UsageGrouping.MODEL;
            case "key" -> UsageGrouping.KEY;
            default -> throw new IllegalArgumentException("groupBy is day, model or key, not \"" + text + "\"");
        };
    }
}
