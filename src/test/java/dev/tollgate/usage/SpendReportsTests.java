package dev.tollgate.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestTeams;
import dev.tollgate.usage.UsageFixture.Seeded;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpendReportsTests {

    static final LocalDate FIRST = LocalDate.ofInstant(UsageFixture.DAY_ONE, ZoneOffset.UTC);
    static final LocalDate LAST = FIRST.plusDays(5);

    @Autowired
    TestTeams teams;

    @Autowired
    ApiKeyService keys;

    @Autowired
    UsageRecorder recorder;

    @Autowired
    Actors actors;

    @Autowired
    SpendReports reports;

    Seeded seeded;

    @BeforeAll
    void seed() {
        seeded = new UsageFixture(teams, keys, recorder, actors).seed("Reports", 120, 21);
    }

    @Test
    void summarySumsTodayTheLastSevenAndThirtyDays() {
        Instant now = FIRST.plusDays(4).atTime(18, 0).toInstant(ZoneOffset.UTC);

        SpendSummary summary = as(() -> reports.summary(seeded.id(), now));

        assertThat(summary.today()).isEqualTo(spend(row -> day(row).equals(FIRST.plusDays(4))));
        assertThat(summary.last7Days()).isEqualTo(spend(row -> !day(row).isAfter(FIRST.plusDays(4))));
        assertThat(summary.last30Days()).isEqualTo(summary.last7Days());
        assertThat(summary.balance()).isEqualTo(Credits.of("100.00"));
        assertThat(summary.averageDailySpend().amount())
                .isEqualByComparingTo(
                        summary.last7Days().amount().divide(BigDecimal.valueOf(7), 9, java.math.RoundingMode.HALF_UP));
        assertThat(summary.daysUntilBalanceRunsOut())
                .hasValueSatisfying(days -> assertThat(days).isPositive());
    }

    @Test
    void spendPerDayAndModelAddsUpToEveryRowInTheRange() {
        List<DailyModelSpend> spend =
                as(() -> reports.spendPerDayByModel(seeded.id(), FIRST.plusDays(1), FIRST.plusDays(2)));

        Map<String, Credits> expected = seeded.rows().stream()
                .filter(row -> !day(row).isBefore(FIRST.plusDays(1)) && !day(row).isAfter(FIRST.plusDays(2)))
                .collect(Collectors.groupingBy(
                        row -> day(row) + " " + row.model(),
                        Collectors.reducing(Credits.ZERO, UsageRecord::totalCost, Credits::plus)));
        assertThat(spend.stream().collect(Collectors.toMap(s -> s.day() + " " + s.model(), DailyModelSpend::spend)))
                .isEqualTo(expected);
    }

    @Test
    void topKeysAndModelsAreOrderedBySpendWithKeyNames() {
        List<KeySpend> byKey = as(() -> reports.spendByKey(seeded.id(), FIRST, LAST));
        List<KeySpend> top = as(() -> reports.topKeys(seeded.id(), FIRST, LAST, 2));
        List<ModelSpend> topModels = as(() -> reports.topModels(seeded.id(), FIRST, LAST, 1));

        assertThat(byKey).hasSize(3).isSortedAccordingTo((a, b) -> b.spend().compareTo(a.spend()));
        assertThat(byKey).extracting(KeySpend::keyName).containsExactlyInAnyOrder("ci", "batch", null);
        KeySpend ci =
                byKey.stream().filter(k -> "ci".equals(k.keyName())).findFirst().orElseThrow();
        assertThat(ci.key()).isEqualTo(seeded.ci());
        assertThat(ci.spend()).isEqualTo(spend(row -> seeded.ci().equals(row.apiKey())));
        assertThat(top).containsExactlyElementsOf(byKey.subList(0, 2));
        Map<ModelId, Credits> perModel = seeded.rows().stream()
                .collect(Collectors.groupingBy(
                        UsageRecord::model, Collectors.reducing(Credits.ZERO, UsageRecord::totalCost, Credits::plus)));
        assertThat(topModels)
                .singleElement()
                .satisfies(model -> assertThat(model.spend())
                        .isEqualTo(perModel.values().stream()
                                .max(Credits::compareTo)
                                .orElseThrow()));
    }

    @Test
    void tokensByKindAndMediaPerDayCountEveryRequest() {
        List<KindTokens> kinds = as(() -> reports.tokensByKind(seeded.id(), FIRST, LAST));
        List<DailyMediaCount> media = as(() -> reports.mediaPerDay(seeded.id(), FIRST.minusDays(1), LAST));

        Map<UsageKind, Long> requests =
                seeded.rows().stream().collect(Collectors.groupingBy(UsageRecord::kind, Collectors.counting()));
        assertThat(kinds.stream().collect(Collectors.toMap(KindTokens::kind, KindTokens::requests)))
                .isEqualTo(requests);
        assertThat(kinds.stream()
                        .filter(k -> k.kind() == UsageKind.CHAT)
                        .findFirst()
                        .orElseThrow()
                        .tokens()
                        .input())
                .isEqualTo(seeded.rows().stream()
                        .mapToLong(row -> row.tokens().input())
                        .sum());
        assertThat(media).hasSize(7).first().isEqualTo(new DailyMediaCount(FIRST.minusDays(1), 0, 0));
        assertThat(media.stream().mapToLong(DailyMediaCount::images).sum())
                .isEqualTo(requests.get(UsageKind.IMAGE) + requests.get(UsageKind.EDIT));
        assertThat(media.stream().mapToLong(DailyMediaCount::videos).sum()).isEqualTo(requests.get(UsageKind.VIDEO));
    }

    @Test
    void totalsByDayModelAndKeyAddUpToTheWholeRange() {
        Credits all = spend(row -> true);
        for (UsageGrouping grouping : UsageGrouping.values()) {
            List<UsageGroup> groups = as(() -> reports.totalsBy(seeded.id(), FIRST, LAST, grouping));

            assertThat(groups.stream().map(UsageGroup::totals).reduce(UsageTotals.NONE, UsageTotals::plus))
                    .as("groups by %s", grouping)
                    .satisfies(total -> {
                        assertThat(total.totalCost()).isEqualTo(all);
                        assertThat(total.requests()).isEqualTo(120);
                    });
        }
    }

    @Test
    void onlyPlatformAdminsSeeSpendAcrossTeams() {
        assertThatThrownBy(() -> as(() -> reports.crossTeam(FIRST, LAST))).isInstanceOf(AccessDeniedException.class);

        List<TeamModelSpend> all = actors.asPlatformAdmin(() -> reports.crossTeam(FIRST, LAST));

        Map<ModelId, Credits> ours = all.stream()
                .filter(spend -> spend.team().equals(seeded.id()))
                .peek(spend ->
                        assertThat(spend.teamName()).isEqualTo(seeded.team().name()))
                .collect(Collectors.toMap(TeamModelSpend::model, TeamModelSpend::spend));
        assertThat(ours).hasSize(UsageFixture.MODELS.size());
        assertThat(ours.values().stream().reduce(Credits.ZERO, Credits::plus)).isEqualTo(spend(row -> true));
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> as(() -> reports.spendPerDayByModel(seeded.id(), LAST, FIRST)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private <T> T as(java.util.concurrent.Callable<T> work) {
        return actors.as(seeded.member(), work);
    }

    private Credits spend(Predicate<UsageRecord> which) {
        return seeded.rows().stream().filter(which).map(UsageRecord::totalCost).reduce(Credits.ZERO, Credits::plus);
    }

    private static LocalDate day(UsageRecord row) {
        return LocalDate.ofInstant(row.createdAt(), ZoneOffset.UTC);
    }
}
