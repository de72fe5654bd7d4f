package dev.tollgate.usage;

import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamRole;
import dev.tollgate.billing.BillingService;
import dev.tollgate.money.Credits;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Where a team's money went, for dashboards and reports, read from the daily roll-ups only so a range costs the same
 * whether it holds a hundred requests or millions. Ranges are UTC days from {@code from} to {@code to}, both
 * included.
 */
@Service
public class SpendReports {

    private final DailyUsageRows days;
    private final TeamAccess access;
    private final BillingService billing;

    SpendReports(DailyUsageRows days, TeamAccess access, BillingService billing) {
        this.days = days;
        this.access = access;
        this.billing = billing;
    }

    /** Spend today and over the last 7 and 30 days (UTC, today included), with the balance they draw on. */
    public SpendSummary summary(TeamId team, Instant now) {
        access.require(team, TeamRole.MEMBER);
        List<Credits> recent = days.recentSpend(team, LocalDate.ofInstant(now, ZoneOffset.UTC));
        return new SpendSummary(recent.get(0), recent.get(1), recent.get(2), billing.balance(team));
    }

    public List<DailyModelSpend> spendPerDayByModel(TeamId team, LocalDate from, LocalDate to) {
        access.require(team, TeamRole.MEMBER);
        return days.perDayByModel(team, from, dayAfter(from, to));
    }

    /** Every key's spend, highest first; requests made without a key are one entry with no key. */
    public List<KeySpend> spendByKey(TeamId team, LocalDate from, LocalDate to) {
        return topKeys(team, from, to, Integer.MAX_VALUE);
    }

    public List<KeySpend> topKeys(TeamId team, LocalDate from, LocalDate to, int n) {
        access.require(team, TeamRole.MEMBER);
        return days.byKey(team, from, dayAfter(from, to), positive(n));
    }

    public List<ModelSpend> topModels(TeamId team, LocalDate from, LocalDate to, int n) {
        access.require(team, TeamRole.MEMBER);
        return days.byModel(team, from, dayAfter(from, to), positive(n));
    }

    /** Requests, tokens and spend per kind of request (chat, image, edit, video) that occurred in the range. */
    public List<KindTokens> tokensByKind(TeamId team, LocalDate from, LocalDate to) {
        access.require(team, TeamRole.MEMBER);
        return days.byKind(team, from, dayAfter(from, to));
    }

    /** Image (generation and edit) and video requests for every day of the range, zeros included. */
    public List<DailyMediaCount> mediaPerDay(TeamId team, LocalDate from, LocalDate to) {
        access.require(team, TeamRole.MEMBER);
        return days.mediaPerDay(team, from, dayAfter(from, to));
    }

    /** Exact totals per day, model or key; days and models in order, keys by name. */
    public List<UsageGroup> totalsBy(TeamId team, LocalDate from, LocalDate to, UsageGrouping grouping) {
        access.require(team, TeamRole.MEMBER);
        return days.grouped(team, from, dayAfter(from, to), grouping);
    }

    /** Every team's spend per model, for platform admins only. */
    public List<TeamModelSpend> crossTeam(LocalDate from, LocalDate to) {
        access.requirePlatformAdmin();
        return days.crossTeam(from, dayAfter(from, to));
    }

    private static LocalDate dayAfter(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException(
                    "A range of days cannot end (" + to + ") before it starts (" + from + ")");
        }
        return to.plusDays(1);
    }

    private static int positive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Ask for at least one entry, not " + n);
        }
        return n;
    }
}
