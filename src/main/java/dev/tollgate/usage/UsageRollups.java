package dev.tollgate.usage;

import dev.tollgate.database.FailureStreak;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adds usage rows to their daily roll-ups after the settles that wrote them have committed, so a call's own
 * transaction never waits for its group's upsert (decision 0065). Each batch takes the rows waiting in
 * {@code usage_unrolled}, deletes them and adds them to {@code usage_daily} in one statement: a row is added exactly
 * once, and a batch that fails leaves its rows waiting. Every replica runs it; the rows one replica has locked are
 * skipped by the others, and groups are written in key order, so two batches never deadlock.
 */
@Component
class UsageRollups implements UsageRollupBacklog {

    private static final Logger LOG = LoggerFactory.getLogger(UsageRollups.class);
    /**
     * Rows one batch takes at most, so a backlog is rolled up in statements of bounded size. The ids are taken as an
     * array so that the delete finds them by key; written as {@code in (select …)} it scanned the whole table.
     */
    static final int BATCH = 10_000;

    private static final String ROLL_UP = """
            with taken as (
                delete from usage_unrolled where usage_id = any(array(
                    select usage_id from usage_unrolled order by usage_id limit ? for update skip locked))
                returning usage_id),
            grouped as (
                select u.team_id, (u.created_at at time zone 'UTC')::date as day, u.model, u.api_key_id, u.kind,
                       u.source, u.status, count(*) as requests, sum(u.input_tokens) as input_tokens,
                       sum(u.output_tokens) as output_tokens, sum(u.cache_read_tokens) as cache_read_tokens,
                       sum(u.cache_write_tokens) as cache_write_tokens,
                       sum(u.cache_write_1h_tokens) as cache_write_1h_tokens,
                       sum(u.reasoning_tokens) as reasoning_tokens, sum(u.input_cost) as input_cost,
                       sum(u.output_cost) as output_cost, sum(u.cache_read_cost) as cache_read_cost,
                       sum(u.cache_write_cost) as cache_write_cost, sum(u.cache_write_1h_cost) as cache_write_1h_cost,
                       sum(u.request_cost) as request_cost, sum(u.total_cost) as total_cost,
                       sum(u.latency_ms) as latency_ms_sum
                from taken t
                join usage_record u on u.id = t.usage_id
                group by 1, 2, 3, 4, 5, 6, 7),
            added as (
                insert into usage_daily (team_id, day, model, api_key_id, kind, source, status, requests,
                                         input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
                                         cache_write_1h_tokens, reasoning_tokens, input_cost, output_cost,
                                         cache_read_cost, cache_write_cost, cache_write_1h_cost, request_cost,
                                         total_cost, latency_ms_sum)
                select * from grouped
                order by 1, 2, 3, 4, 5, 6, 7
                on conflict on constraint usage_daily_group do update set
                    requests              = usage_daily.requests + excluded.requests,
                    input_tokens          = usage_daily.input_tokens + excluded.input_tokens,
                    output_tokens         = usage_daily.output_tokens + excluded.output_tokens,
                    cache_read_tokens     = usage_daily.cache_read_tokens + excluded.cache_read_tokens,
                    cache_write_tokens    = usage_daily.cache_write_tokens + excluded.cache_write_tokens,
                    cache_write_1h_tokens = usage_daily.cache_write_1h_tokens + excluded.cache_write_1h_tokens,
                    reasoning_tokens      = usage_daily.reasoning_tokens + excluded.reasoning_tokens,
                    input_cost            = usage_daily.input_cost + excluded.input_cost,
                    output_cost           = usage_daily.output_cost + excluded.output_cost,
                    cache_read_cost       = usage_daily.cache_read_cost + excluded.cache_read_cost,
                    cache_write_cost      = usage_daily.cache_write_cost + excluded.cache_write_cost,
                    cache_write_1h_cost   = usage_daily.cache_write_1h_cost + excluded.cache_write_1h_cost,
                    request_cost          = usage_daily.request_cost + excluded.request_cost,
                    total_cost            = usage_daily.total_cost + excluded.total_cost,
                    latency_ms_sum        = usage_daily.latency_ms_sum + excluded.latency_ms_sum)
            select coalesce(sum(requests), 0)::int from grouped""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final FailureStreak failures;

    UsageRollups(JdbcTemplate jdbc, JdbcTransactionManager jdbcTransactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(jdbcTransactions);
        // the rows keep waiting and reports keep counting them; the next run tries again
        this.failures = new FailureStreak(LOG, "Rolling up usage", clock);
    }

    @Scheduled(
            initialDelayString = "${tollgate.usage.rollup-interval:1s}",
            fixedDelayString = "${tollgate.usage.rollup-interval:1s}")
    void rollUpWaiting() {
        try {
            rollUpAll();
            failures.succeeded();
        } catch (RuntimeException e) {
            failures.failed(e);
        }
    }

    /** Rolls up every row waiting that no other replica is rolling up; how many. */
    int rollUpAll() {
        int rolled = 0;
        int batch;
        do {
            batch = rollUpBatch();
            rolled += batch;
        } while (batch == BATCH);
        return rolled;
    }

    @Override
    public long waiting() {
        return Objects.requireNonNull(jdbc.queryForObject("select count(*) from usage_unrolled", Long.class));
    }

    /** Rolls up at most {@link #BATCH} waiting rows, in one transaction; how many. */
    int rollUpBatch() {
        return Objects.requireNonNull(
                transactions.execute(status -> jdbc.queryForObject(ROLL_UP, Integer.class, BATCH)));
    }
}
