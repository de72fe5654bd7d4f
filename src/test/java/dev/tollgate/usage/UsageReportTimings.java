package dev.tollgate.usage;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.NewApiKey;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.support.Actors;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestTeams;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.context.TestPropertySource;

/**
 * How long the usage views' queries take over one team's 1,000,000 usage rows spread across 90 days, printed rather
 * than asserted. Left out of ordinary builds; {@code bench/usage-reports.sh} runs it.
 */
@IntegrationTest
@TestPropertySource(properties = "tollgate.usage.rollup-interval=1h")
@EnabledIfSystemProperty(named = "tollgate.bench", matches = "true")
class UsageReportTimings {

    private static final int ROWS = Integer.getInteger("tollgate.bench.usage-rows", 1_000_000);
    private static final int WARM_UPS = 3;
    private static final int RUNS = 9;

    /**
     * One statement: 70% chat across four models (tokens and exact per-token costs), the rest image, edit and video
     * at fixed prices, 2% failed (media refunded to zero); five keys, every tenth request from the playground.
     */
    private static final String GENERATE = """
            with generated as (
            insert into usage_record (request_id, team_id, api_key_id, user_id, source, kind, model, dialect, channel,
                status, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, input_cost, output_cost,
                cache_read_cost, cache_write_cost, request_cost, total_cost, latency_ms, first_token_ms,
                finish_reason, error, created_at)
            select 'bench-' || ? || '-' || g, ?, case when playground then null else (?::uuid[])[1 + g % 5] end,
                   null, case when playground then 'PLAYGROUND' else 'API' end, kind, model,
                   case when kind = 'CHAT' then 'openai' end, 'simulator', status,
                   input, output, cache_read, cache_write, input * 0.000003, output * 0.000015,
                   cache_read * 0.0000015, cache_write * 0.00000375, price,
                   input * 0.000003 + output * 0.000015 + cache_read * 0.0000015 + cache_write * 0.00000375 + price,
                   100 + g % 4000, case when kind = 'CHAT' then 50 + g % 400 end,
                   case when kind = 'CHAT' then 'stop' end, case when status = 'FAILED' then 'upstream failed' end,
                   created_at
            from (
                select g, playground, kind, status, created_at,
                       case kind when 'CHAT' then (array['aws/claude-haiku-4-5', 'aws/claude-sonnet-4-6',
                                                         'openai/gpt-5-mini', 'openai/gpt-5'])[1 + g % 4]
                                 when 'VIDEO' then 'bytedance/seedance-1-pro' else 'google/imagen-4' end as model,
                       case when kind = 'CHAT' then (g * 7919) % 4000 else 0 end as input,
                       case when kind = 'CHAT' then (g * 104729) % 1000 else 0 end as output,
                       case when kind = 'CHAT' and g % 3 = 0 then (g * 31) % 2000 else 0 end as cache_read,
                       case when kind = 'CHAT' and g % 7 = 0 then (g * 17) % 500 else 0 end as cache_write,
                       case when kind = 'CHAT' or status = 'FAILED' then 0
                            when kind = 'VIDEO' then 0.5 else 0.04 end as price
                from (
                    select g, g % 10 = 0 as playground,
                           (array['CHAT', 'CHAT', 'CHAT', 'CHAT', 'IMAGE', 'CHAT', 'CHAT', 'EDIT', 'CHAT', 'VIDEO'])
                               [1 + (g / 10) % 10] as kind,
                           case when g % 50 = 0 then 'FAILED' when g % 97 = 0 then 'CANCELLED' else 'SUCCEEDED' end
                               as status,
                           ?::timestamptz - make_interval(secs => g * (90 * 86400.0 / ?)) as created_at
                    from generate_series(1, ?::bigint) as g) s) r
            returning id)
            insert into usage_unrolled (usage_id) select id from generated""";

    @Autowired
    TestTeams teams;

    @Autowired
    ApiKeyService keys;

    @Autowired
    Actors actors;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UsageHistory history;

    @Autowired
    SpendReports reports;

    @Autowired
    UsageRollups rollups;

    @Test
    void printsTheUsageViewsQueryTimes() {
        TeamSummary team = teams.createWithBalance("Bench usage", "1000000.00");
        UserDetails member = teams.addPerson(team, TeamRole.MEMBER);
        UUID[] keyIds = IntStream.range(0, 5)
                .mapToObj(i -> actors.asPlatformAdmin(() -> keys.issue(team.id(), NewApiKey.named("bench-" + i))
                        .key()
                        .id()
                        .value()))
                .toArray(UUID[]::new);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        long start = System.nanoTime();
        jdbc.update(GENERATE, team.id().toString(), team.id().value(), keyIds, Timestamp.from(now), ROWS, ROWS);
        long generated = System.nanoTime() - start;
        jdbc.execute("analyze usage_record");
        jdbc.execute("analyze usage_unrolled");
        TeamId id = team.id();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        // the worst case of a roll-up that stopped: every row still waiting, grouped by each report as it reads
        System.out.printf("backlog: all %,d rows waiting for their roll-up%n", waiting());
        System.out.println("query                                             median ms   min ms   max ms");
        time(member, "dashboard data, 30 days, all rows waiting", () -> dashboard(id, now, today, 30));
        time(member, "grid totals, no filter, all rows waiting", () -> history.totals(id, UsageFilter.ALL));
        start = System.nanoTime();
        rollups.rollUpAll();
        long rolledUp = System.nanoTime() - start;
        jdbc.execute("analyze usage_record");
        jdbc.execute("analyze usage_daily");
        // as autovacuum would once the backlog is gone: statistics of a full table plan the reports for one
        jdbc.execute("analyze usage_unrolled");
        System.out.printf(
                "generated %,d rows over 90 days in %.1f s, rolled up in %.1f s (%,d roll-up rows)%n",
                ROWS,
                generated / 1e9,
                rolledUp / 1e9,
                jdbc.queryForObject(
                        "select count(*) from usage_daily where team_id = ?",
                        Long.class,
                        team.id().value()));

        System.out.println("query                                             median ms   min ms   max ms");
        for (int days : new int[] {30, 90}) {
            LocalDate from = today.minusDays(days - 1);
            int span = days;
            time(member, "dashboard data, " + days + " days (all 7 reports)", () -> dashboard(id, now, today, span));
            time(
                    member,
                    "  spend per day by model, " + days + " days",
                    () -> reports.spendPerDayByModel(id, from, today));
        }
        ModelId model = new ModelId("openai/gpt-5");
        ApiKeyId key = new ApiKeyId(keyIds[2]);
        time(member, "grid first page (50), no filter", () -> history.page(id, UsageFilter.ALL, null, 50));
        time(
                member,
                "grid first page (50), one model",
                () -> history.page(id, UsageFilter.ALL.withModel(model), null, 50));
        time(
                member,
                "grid first page (50), one key",
                () -> history.page(id, UsageFilter.ALL.withApiKey(key), null, 50));
        List<UsageEntry> first = actors.as(member, () -> history.page(id, UsageFilter.ALL, null, 50));
        time(
                member,
                "grid page 2 (50) after a cursor",
                () -> history.page(id, UsageFilter.ALL, first.getLast().cursor(), 50));
        time(member, "grid totals, no filter (roll-ups)", () -> history.totals(id, UsageFilter.ALL));
        time(member, "grid totals, one model (roll-ups)", () -> history.totals(id, UsageFilter.ALL.withModel(model)));
        UsageFilter lastWeek = UsageFilter.ALL.between(now.minus(Duration.ofDays(7)), now);
        time(member, "grid totals, last 7×24 h (raw rows)", () -> history.totals(id, lastWeek));

        for (int run = 1; run <= 2; run++) {
            long began = System.nanoTime();
            long rows = actors.as(member, () -> history.exportCsv(id, UsageFilter.ALL, Writer.nullWriter()));
            double seconds = (System.nanoTime() - began) / 1e9;
            System.out.printf(
                    "CSV export run %d: %,d rows in %.2f s = %,.0f rows/s%n", run, rows, seconds, rows / seconds);
        }
    }

    /** The seven reports of the dashboard over the last {@code days}. */
    private Object dashboard(TeamId id, Instant now, LocalDate today, int days) {
        LocalDate from = today.minusDays(days - 1);
        reports.summary(id, now);
        reports.spendPerDayByModel(id, from, today);
        reports.spendByKey(id, from, today);
        reports.tokensByKind(id, from, today);
        reports.mediaPerDay(id, from, today);
        reports.topKeys(id, from, today, 5);
        return reports.topModels(id, from, today, 5);
    }

    private long waiting() {
        return Objects.requireNonNull(jdbc.queryForObject("select count(*) from usage_unrolled", Long.class));
    }

    private void time(UserDetails member, String what, Callable<?> query) {
        actors.as(member, () -> {
            for (int i = 0; i < WARM_UPS; i++) {
                query.call();
            }
            double[] millis = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                query.call();
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(millis);
            System.out.printf("%-48s %9.1f %8.1f %8.1f%n", what, millis[RUNS / 2], millis[0], millis[RUNS - 1]);
            return null;
        });
    }
}
