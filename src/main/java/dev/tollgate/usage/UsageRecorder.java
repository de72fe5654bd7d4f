package dev.tollgate.usage;

import dev.tollgate.caller.CallerColumns;
import dev.tollgate.database.BoundStatement;
import dev.tollgate.text.StorableText;
import java.sql.Timestamp;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes usage rows on the request hot path, in the transaction that settles the requests' credit. Each row also waits
 * in {@code usage_unrolled} until {@link UsageRollups} adds it to its day's roll-up, after the settle has committed.
 */
@Service
public class UsageRecorder {

    private static final String INSERT = """
            with recorded as (insert into usage_record (
                %s, kind, model, channel, status,
                input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens,
                input_cost, output_cost, cache_read_cost, cache_write_cost, cache_write_1h_cost, request_cost,
                total_cost, latency_ms, first_token_ms, finish_reason, error, created_at, requested_model,
                session_id, reasoning_tokens)
            values\s""".formatted(CallerColumns.NAMES);
    private static final String TO_ROLL_UP =
            " returning id) insert into usage_unrolled (usage_id) select id from recorded";
    private static final int COLUMNS = 30;
    private static final String ROW = "(" + String.join(", ", Collections.nCopies(COLUMNS, "?")) + ")";

    private final JdbcTemplate jdbc;

    UsageRecorder(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(transactionManager = "jdbcTransactionManager")
    public void record(UsageRecord usage) {
        recordAll(List.of(usage));
    }

    /** Writes many rows in one statement. */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public void recordAll(List<UsageRecord> usage) {
        if (!usage.isEmpty()) {
            BoundStatement insertion = insertion(usage);
            jdbc.update(insertion.sql(), insertion.arguments());
        }
    }

    /**
     * The statement that writes these rows, for a caller that sends it together with its own: the rows are then kept
     * exactly when that caller's statement commits.
     */
    public BoundStatement insertion(List<UsageRecord> usage) {
        if (usage.isEmpty()) {
            throw new IllegalArgumentException("An insertion writes at least one row");
        }
        @Nullable Object[] arguments = new Object[usage.size() * COLUMNS];
        StringBuilder sql = new StringBuilder(INSERT.length() + usage.size() * (ROW.length() + 2) + TO_ROLL_UP.length())
                .append(INSERT);
        for (int row = 0; row < usage.size(); row++) {
            Object[] columns = columns(usage.get(row));
            System.arraycopy(columns, 0, arguments, row * COLUMNS, COLUMNS);
            sql.append(row == 0 ? "" : ", ").append(ROW);
        }
        return new BoundStatement(sql.append(TO_ROLL_UP).toString(), arguments);
    }

    private static Object[] columns(UsageRecord usage) {
        return CallerColumns.row(
                usage.caller(),
                usage.kind().name(),
                usage.model().value(),
                usage.channel(),
                usage.status().name(),
                usage.tokens().input(),
                usage.tokens().output(),
                usage.tokens().cacheRead(),
                usage.tokens().cacheWrite(),
                usage.tokens().cacheWrite1h(),
                usage.tokenCost().input().amount(),
                usage.tokenCost().output().amount(),
                usage.tokenCost().cacheRead().amount(),
                usage.tokenCost().cacheWrite().amount(),
                usage.tokenCost().cacheWrite1h().amount(),
                usage.requestCost().amount(),
                usage.totalCost().amount(),
                (int) Math.min(Integer.MAX_VALUE, usage.latency().toMillis()),
                usage.timeToFirstToken() == null
                        ? null
                        : (int) usage.timeToFirstToken().toMillis(),
                usage.finishReason(),
                usage.error() == null ? null : StorableText.fit(usage.error(), 500),
                Timestamp.from(usage.createdAt()),
                usage.requestedModel() == null ? null : usage.requestedModel().value(),
                usage.caller().session() == null
                        ? null
                        : usage.caller().session().value(),
                usage.reasoningTokens());
    }
}
