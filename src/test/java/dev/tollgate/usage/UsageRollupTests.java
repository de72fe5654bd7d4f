package dev.tollgate.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestTeams;
import dev.tollgate.usage.UsageFixture.Seeded;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class UsageRollupTests {

    /**
     * Every group of raw rows whose sums differ from its roll-up row, or that exists on one side only: of the stored
     * roll-ups ({@code usage_daily}) or of what reports read ({@code usage_daily_live}), whose groups are summed first.
     */
    private static final String MISMATCHES = """
            with raw as (
                select team_id, (created_at at time zone 'UTC')::date as day, model, api_key_id, kind, source, status,
                       count(*) as requests, sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens,
                       sum(cache_read_tokens) as cache_read_tokens, sum(cache_write_tokens) as cache_write_tokens,
                       sum(cache_write_1h_tokens) as cache_write_1h_tokens, sum(reasoning_tokens) as reasoning_tokens,
                       sum(input_cost) as input_cost, sum(output_cost) as output_cost,
                       sum(cache_read_cost) as cache_read_cost, sum(cache_write_cost) as cache_write_cost,
                       sum(cache_write_1h_cost) as cache_write_1h_cost, sum(request_cost) as request_cost, sum(total_cost) as total_cost,
                       sum(latency_ms) as latency_ms_sum
                from usage_record where team_id = ?
                group by 1, 2, 3, 4, 5, 6, 7),
            daily as (
                select team_id, day, model, api_key_id, kind, source, status, sum(requests) as requests,
                       sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens,
                       sum(cache_read_tokens) as cache_read_tokens, sum(cache_write_tokens) as cache_write_tokens,
                       sum(cache_write_1h_tokens) as cache_write_1h_tokens, sum(reasoning_tokens) as reasoning_tokens,
                       sum(input_cost) as input_cost, sum(output_cost) as output_cost,
                       sum(cache_read_cost) as cache_read_cost, sum(cache_write_cost) as cache_write_cost,
                       sum(cache_write_1h_cost) as cache_write_1h_cost, sum(request_cost) as request_cost,
                       sum(total_cost) as total_cost, sum(latency_ms_sum) as latency_ms_sum
                from %s where team_id = ?
                group by 1, 2, 3, 4, 5, 6, 7)
            select concat_ws(' ', coalesce(r.day, d.day), coalesce(r.model, d.model), coalesce(r.kind, d.kind),
                             coalesce(r.status, d.status), 'raw', r.requests, r.total_cost,
                             'rolled up', d.requests, d.total_cost)
            from raw r full join daily d
              on r.team_id = d.team_id and r.day = d.day and r.model = d.model
             and r.api_key_id is not distinct from d.api_key_id
             and r.kind = d.kind and r.source = d.source and r.status = d.status
            where (r.requests, r.input_tokens, r.output_tokens, r.cache_read_tokens, r.cache_write_tokens,
                   r.cache_write_1h_tokens, r.reasoning_tokens, r.input_cost, r.output_cost, r.cache_read_cost, r.cache_write_cost,
                   r.cache_write_1h_cost, r.request_cost, r.total_cost, r.latency_ms_sum)
                  is distinct from
                  (d.requests, d.input_tokens, d.output_tokens, d.cache_read_tokens, d.cache_write_tokens,
                   d.cache_write_1h_tokens, d.reasoning_tokens, d.input_cost, d.output_cost, d.cache_read_cost, d.cache_write_cost,
                   d.cache_write_1h_cost, d.request_cost, d.total_cost, d.latency_ms_sum)""";

    @Autowired
    TestTeams teams;

    @Autowired
    ApiKeyService keys;

    @Autowired
    UsageRecorder recorder;

    @Autowired
    UsageRollups rollups;

    @Autowired
    Actors actors;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void rollUpsEqualTheSumsOfRawRowsForEveryGroup() {
        Seeded seeded = fixture().seed("Roll-ups", 240, 1);

        assertThat(liveMismatches(seeded))
                .as("report groups that differ from the sums of their raw rows, before the roll-up")
                .isEmpty();
        rollups.rollUpAll();

        assertThat(storedMismatches(seeded))
                .as("roll-up groups that differ from the sums of their raw rows")
                .isEmpty();
        assertThat(liveMismatches(seeded)).isEmpty();
        assertThat(waiting(seeded)).isZero();
        assertThat(groups(seeded))
                .as("the fixture spreads rows over many groups (days, models, keys, kinds, sources, statuses)")
                .isGreaterThan(60);
    }

    @Test
    void laterBatchesAddToTheGroupsTheyShareWithEarlierRows() {
        Seeded seeded = fixture().seed("Roll-up batches", 90, 2);
        rollups.rollUpAll();
        UsageSamples samples = new UsageSamples(3);
        List<UsageRecord> more = seeded.rows().stream()
                .map(row -> samples.row(
                        row.team(),
                        row.apiKey(),
                        row.user(),
                        row.kind(),
                        row.model().value(),
                        row.status(),
                        row.createdAt()))
                .toList();

        recorder.recordAll(more);
        assertThat(liveMismatches(seeded))
                .as("report groups out of step with a second batch not yet rolled up")
                .isEmpty();
        rollups.rollUpAll();

        assertThat(storedMismatches(seeded))
                .as("groups out of step after a second batch")
                .isEmpty();
        assertThat(rolledUpRequests(seeded)).isEqualTo(180);
    }

    /**
     * A settle's transaction writes its usage rows and a waiting row each, and nothing to the roll-ups: the group's
     * upsert is the roll-up's work, once per group for a batch of rows.
     */
    @Test
    void aSettleWritesNoRollUpAndARollUpAddsABatchOfOneGroupOnce() {
        Seeded seeded = fixture().seed("Roll-up once", 0, 8);
        UsageSamples samples = new UsageSamples(9);
        Instant at = Instant.parse("2026-04-12T09:00:00Z");
        List<UsageRecord> batch = oneGroup(seeded, samples, 16, at);

        // the backend's counts not yet reported, read before and after on the one connection of one transaction
        String rollUpRowWrites =
                "select n_tup_ins + n_tup_upd from pg_stat_xact_user_tables where relname = 'usage_daily'";
        String waitingRowWrites = "select n_tup_ins from pg_stat_xact_user_tables where relname = 'usage_unrolled'";
        List<Long> writes = transactions.execute(status -> {
            long rollUpBefore = jdbc.queryForObject(rollUpRowWrites, Long.class);
            long waitingBefore = jdbc.queryForObject(waitingRowWrites, Long.class);
            recorder.recordAll(batch);
            return List.of(
                    jdbc.queryForObject(rollUpRowWrites, Long.class) - rollUpBefore,
                    jdbc.queryForObject(waitingRowWrites, Long.class) - waitingBefore);
        });
        assertThat(writes).as("writes to the roll-ups and to the waiting rows").containsExactly(0L, 16L);
        long groupWrites = transactions.execute(status -> {
            long before = jdbc.queryForObject(rollUpRowWrites, Long.class);
            rollups.rollUpAll();
            return jdbc.queryForObject(rollUpRowWrites, Long.class) - before;
        });

        assertThat(groupWrites)
                .as("writes to the daily roll-up for 16 rows of one group (none if another run took them first)")
                .isLessThanOrEqualTo(1);
        assertThat(groups(seeded)).isEqualTo(1);
        assertThat(rolledUpRequests(seeded)).isEqualTo(16);
        assertThat(storedMismatches(seeded)).isEmpty();
    }

    /**
     * Rows another replica is rolling up (here: rows locked by an open transaction) are skipped by every other run, and
     * reports count them all the while.
     */
    @Test
    void rowsAnotherRunHoldsAreSkippedAndReportsCountThemMeanwhile() throws Exception {
        Seeded seeded = fixture().seed("Roll-up skipped", 40, 10);
        List<Object> held = transactions.execute(status -> {
            jdbc.queryForList("""
                    select w.usage_id from usage_unrolled w join usage_record u on u.id = w.usage_id
                    where u.team_id = ? for update of w""", Long.class, seeded.id().value());
            // a run that waited for the held rows instead of skipping them would not end before they are released
            CompletableFuture.supplyAsync(rollups::rollUpAll)
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();
            return List.of(waiting(seeded), groups(seeded), liveMismatches(seeded));
        });
        assertThat(held)
                .as("rows waiting, stored groups and report mismatches while another run holds the rows")
                .containsExactly(40L, 0L, List.of());

        assertRolledUpOnce(seeded, 40);
    }

    /** What the metrics report as waiting: the rows settles wrote that no roll-up has taken yet. */
    @Test
    void theBacklogCountsTheRowsWaitingUntilARollUpTakesThem() {
        Seeded seeded = fixture().seed("Roll-up backlog", 0, 13);
        UsageSamples samples = new UsageSamples(14);
        Instant at = Instant.parse("2026-04-16T08:00:00Z");
        long before = rollups.waiting();

        recorder.recordAll(oneGroup(seeded, samples, 5, at));
        long settled = rollups.waiting();
        rollups.rollUpAll();

        assertThat(settled).as("waiting after a settle of five rows").isGreaterThanOrEqualTo(before + 5);
        assertThat(rollups.waiting()).as("waiting after a roll-up").isLessThanOrEqualTo(settled - 5);
        assertThat(waiting(seeded)).isZero();
    }

    /** Replicas settle and roll up at the same time: every row is added once, and no two runs deadlock. */
    @Test
    void rollUpsRunningAtOnceWithSettlesAddEveryRowOnce() throws Exception {
        Seeded seeded = fixture().seed("Roll-up at once", 0, 11);
        UsageSamples samples = new UsageSamples(12);
        Instant at = Instant.parse("2026-04-14T10:00:00Z");
        AtomicBoolean settling = new AtomicBoolean(true);
        try (ExecutorService threads = Executors.newFixedThreadPool(7)) {
            List<Future<?>> rollers = IntStream.range(0, 3)
                    .<Future<?>>mapToObj(i -> threads.submit(() -> {
                        while (settling.get()) {
                            rollups.rollUpAll();
                        }
                    }))
                    .toList();
            List<Future<?>> settles = IntStream.range(0, 4)
                    .<Future<?>>mapToObj(t -> threads.submit(() -> {
                        for (int b = 0; b < 50; b++) {
                            List<UsageRecord> rows = IntStream.range(0, 5)
                                    .mapToObj(i -> samples.row(
                                            seeded.id(),
                                            i % 2 == 0 ? seeded.ci() : seeded.batch(),
                                            null,
                                            UsageKind.CHAT,
                                            UsageFixture.MODELS.get(i % 2),
                                            UsageStatus.SUCCEEDED,
                                            at))
                                    .toList();
                            recorder.recordAll(rows);
                        }
                    }))
                    .toList();
            try {
                for (Future<?> settle : settles) {
                    settle.get();
                }
            } finally {
                settling.set(false);
            }
            for (Future<?> roller : rollers) {
                roller.get();
            }
        }
        assertRolledUpOnce(seeded, 1_000);
    }

    @Test
    void refundedFailuresCountAsRequestsButCostNothing() {
        Seeded seeded = fixture().seed("Refunds", 0, 4);
        UsageSamples samples = new UsageSamples(5);
        Instant at = Instant.parse("2026-04-10T12:00:00Z");
        UsageRecord failed =
                samples.row(seeded.id(), seeded.ci(), null, UsageKind.IMAGE, "google/imagen-4", UsageStatus.FAILED, at);
        UsageRecord refunded =
                samples.row(seeded.id(), seeded.ci(), null, UsageKind.IMAGE, "google/imagen-4", UsageStatus.FAILED, at);
        UsageRecord succeeded = samples.row(
                seeded.id(), seeded.ci(), null, UsageKind.IMAGE, "google/imagen-4", UsageStatus.SUCCEEDED, at);

        recorder.recordAll(List.of(failed, succeeded));
        recorder.record(refunded);
        rollups.rollUpWaiting();

        assertThat(storedMismatches(seeded)).isEmpty();
        assertThat(jdbc.queryForObject(
                        "select requests from usage_daily where team_id = ? and status = 'FAILED'",
                        Long.class,
                        seeded.id().value()))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject(
                        "select total_cost from usage_daily where team_id = ? and status = 'FAILED'",
                        BigDecimal.class,
                        seeded.id().value()))
                .as("refunded image requests are recorded at zero cost")
                .isZero();
        assertThat(new Credits(jdbc.queryForObject(
                        "select sum(total_cost) from usage_daily where team_id = ?",
                        BigDecimal.class,
                        seeded.id().value())))
                .isEqualTo(succeeded.totalCost());
    }

    @Test
    void aRowAMillisecondBeforeMidnightBelongsToThatDay() {
        Seeded seeded = fixture().seed("Midnight", 0, 6);
        UsageSamples samples = new UsageSamples(7);
        Instant lastMoment = Instant.parse("2026-04-10T23:59:59.999Z");
        recorder.recordAll(List.of(
                samples.row(
                        seeded.id(),
                        null,
                        null,
                        UsageKind.CHAT,
                        "openai/gpt-5-mini",
                        UsageStatus.SUCCEEDED,
                        lastMoment),
                samples.row(
                        seeded.id(),
                        null,
                        null,
                        UsageKind.CHAT,
                        "openai/gpt-5-mini",
                        UsageStatus.SUCCEEDED,
                        lastMoment.plusMillis(1))));
        String perDay = "select day::text || ':' || sum(requests) from %s where team_id = ? group by day order by day";

        assertThat(jdbc.queryForList(
                        perDay.formatted("usage_daily_live"),
                        String.class,
                        seeded.id().value()))
                .containsExactly("2026-04-10:1", "2026-04-11:1");
        rollups.rollUpAll();
        assertThat(jdbc.queryForList(
                        perDay.formatted("usage_daily"),
                        String.class,
                        seeded.id().value()))
                .containsExactly("2026-04-10:1", "2026-04-11:1");
    }

    /** {@code count} chat rows of one group: one team, key, model, status and day. */
    private static List<UsageRecord> oneGroup(Seeded seeded, UsageSamples samples, int count, Instant at) {
        return IntStream.range(0, count)
                .mapToObj(i -> samples.row(
                        seeded.id(), seeded.ci(), null, UsageKind.CHAT, "openai/gpt-5-mini", UsageStatus.SUCCEEDED, at))
                .toList();
    }

    /** After a last roll-up, no row of the team waits and its stored roll-ups hold each row once. */
    private void assertRolledUpOnce(Seeded seeded, long requests) {
        rollups.rollUpAll();

        assertThat(waiting(seeded)).isZero();
        assertThat(rolledUpRequests(seeded)).isEqualTo(requests);
        assertThat(storedMismatches(seeded)).isEmpty();
    }

    private UsageFixture fixture() {
        return new UsageFixture(teams, keys, recorder, actors);
    }

    private List<String> storedMismatches(Seeded seeded) {
        return mismatches("usage_daily", seeded);
    }

    private List<String> liveMismatches(Seeded seeded) {
        return mismatches("usage_daily_live", seeded);
    }

    private List<String> mismatches(String rollUps, Seeded seeded) {
        UUID team = seeded.id().value();
        return jdbc.queryForList(MISMATCHES.formatted(rollUps), String.class, team, team);
    }

    private long groups(Seeded seeded) {
        return jdbc.queryForObject(
                "select count(*) from usage_daily where team_id = ?",
                Long.class,
                seeded.id().value());
    }

    private long waiting(Seeded seeded) {
        return jdbc.queryForObject(
                "select count(*) from usage_unrolled w join usage_record u on u.id = w.usage_id where u.team_id = ?",
                Long.class,
                seeded.id().value());
    }

    private long rolledUpRequests(Seeded seeded) {
        return jdbc.queryForObject(
                "select sum(requests) from usage_daily where team_id = ?",
                Long.class,
                seeded.id().value());
    }
}
