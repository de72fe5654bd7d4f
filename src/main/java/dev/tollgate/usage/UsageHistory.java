package dev.tollgate.usage;

import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamRole;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A team's usage history, row by row: the grid's pages, single requests, totals of a filtered set and CSV exports.
 * Every method checks that the caller belongs to the team.
 */
@Service
public class UsageHistory {

    public static final int MAX_PAGE_SIZE = 1_000;

    private final UsageRows rows;
    private final DailyUsageRows days;
    private final TeamAccess access;

    UsageHistory(UsageRows rows, DailyUsageRows days, TeamAccess access) {
        this.rows = rows;
        this.days = days;
        this.access = access;
    }

    /** Up to {@code limit} rows, newest first, after {@code after} (from the newest when null). */
    public List<UsageEntry> page(TeamId team, UsageFilter filter, @Nullable UsageCursor after, int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("A page holds 1 to " + MAX_PAGE_SIZE + " rows, not " + limit);
        }
        access.require(team, TeamRole.MEMBER);
        return rows.page(team, filter, after, limit);
    }

    /** Exact totals of the filtered rows; whole-day ranges are read from the daily roll-ups. */
    public UsageTotals totals(TeamId team, UsageFilter filter) {
        access.require(team, TeamRole.MEMBER);
        return filter.coversWholeDays() ? days.totals(team, filter) : rows.totals(team, filter);
    }

    public Optional<UsageEntry> find(TeamId team, String requestId) {
        access.require(team, TeamRole.MEMBER);
        return rows.find(team, requestId);
    }

    /**
     * Writes the filtered rows, newest first, to {@code out} as CSV with a header line, a batch of rows at a time so
     * no export holds all its rows in memory; returns how many rows it wrote. The read-only transaction is what lets
     * PostgreSQL stream through a cursor; it holds one connection until the last row is written. The writer is
     * flushed, not closed; a
     * failing writer (a client gone mid-download) ends the export with an {@link UncheckedIOException}.
     */
    @Transactional(transactionManager = "jdbcTransactionManager", readOnly = true)
    public long exportCsv(TeamId team, UsageFilter filter, Writer out) {
        access.require(team, TeamRole.MEMBER);
        UsageCsv csv = new UsageCsv(out);
        rows.stream(team, filter, csv);
        return csv.finish();
    }
}
