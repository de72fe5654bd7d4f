package dev.tollgate.usage;

import dev.tollgate.caller.CallerColumns;
import dev.tollgate.text.StorableText;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Writes usage rows on the request hot path, in the transaction that settles the requests' credit. */
@Service
public class UsageRecorder {

    private static final String INSERT = """
            insert into usage_record (
                %s, kind, model, channel, status,
                input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens,
                input_cost, output_cost, cache_read_cost, cache_write_cost, cache_write_1h_cost, request_cost,
                total_cost, latency_ms, first_token_ms, finish_reason, error, created_at, requested_model,
                session_id, reasoning_tokens)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                ?, ?)""".formatted(CallerColumns.NAMES);

    private final JdbcTemplate jdbc;

    UsageRecorder(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(transactionManager = "jdbcTransactionManager")
    public void record(UsageRecord usage) {
        jdbc.update(INSERT, columns(usage));
    }

    /** Writes many rows as one JDBC batch. */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public void recordAll(List<UsageRecord> usage) {
        if (!usage.isEmpty()) {
            jdbc.batchUpdate(INSERT, usage.stream().map(UsageRecorder::columns).toList());
        }
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
