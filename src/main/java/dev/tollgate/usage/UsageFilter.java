package dev.tollgate.usage;

import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.caller.AgentSession;
import dev.tollgate.caller.CallSource;
import dev.tollgate.catalog.ModelId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * Which usage rows a history query or export covers: created in {@code [from, until)} (either end open when null) and
 * matching every dimension that is set.
 *
 * @param session the agent session the rows belong to
 */
public record UsageFilter(
        @Nullable Instant from,
        @Nullable Instant until,
        @Nullable ApiKeyId apiKey,
        @Nullable ModelId model,
        @Nullable UsageKind kind,
        @Nullable UsageStatus status,
        @Nullable CallSource source,
        @Nullable AgentSession session) {

    public static final UsageFilter ALL = new UsageFilter(null, null, null, null, null, null, null, null);

    public UsageFilter {
        if (from != null && until != null && !from.isBefore(until)) {
            throw new IllegalArgumentException("The start of a usage range must come before its end");
        }
    }

    /** Rows created on the UTC days {@code from} to {@code to}, both included. */
    public static UsageFilter days(LocalDate from, LocalDate to) {
        return ALL.between(startOf(from), startOf(to.plusDays(1)));
    }

    public UsageFilter between(@Nullable Instant newFrom, @Nullable Instant newUntil) {
        return new UsageFilter(newFrom, newUntil, apiKey, model, kind, status, source, session);
    }

    public UsageFilter withApiKey(@Nullable ApiKeyId newApiKey) {
        return new UsageFilter(from, until, newApiKey, model, kind, status, source, session);
    }

    public UsageFilter withModel(@Nullable ModelId newModel) {
        return new UsageFilter(from, until, apiKey, newModel, kind, status, source, session);
    }

    public UsageFilter withKind(@Nullable UsageKind newKind) {
        return new UsageFilter(from, until, apiKey, model, newKind, status, source, session);
    }

    public UsageFilter withStatus(@Nullable UsageStatus newStatus) {
        return new UsageFilter(from, until, apiKey, model, kind, newStatus, source, session);
    }

    public UsageFilter withSource(@Nullable CallSource newSource) {
        return new UsageFilter(from, until, apiKey, model, kind, status, newSource, session);
    }

    public UsageFilter withSession(@Nullable AgentSession newSession) {
        return new UsageFilter(from, until, apiKey, model, kind, status, source, newSession);
    }

    /**
     * Whether the daily roll-ups answer this filter exactly: both bounds open or at UTC midnight, and no session, which
     * is the one dimension the roll-ups do not keep.
     */
    boolean coversWholeDays() {
        return session == null && isMidnight(from) && isMidnight(until);
    }

    static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static LocalDate dayOf(Instant midnight) {
        return LocalDate.ofInstant(midnight, ZoneOffset.UTC);
    }

    private static boolean isMidnight(@Nullable Instant instant) {
        return instant == null || instant.truncatedTo(ChronoUnit.DAYS).equals(instant);
    }
}
