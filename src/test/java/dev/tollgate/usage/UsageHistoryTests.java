package dev.tollgate.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.caller.CallSource;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestTeams;
import dev.tollgate.usage.UsageFixture.Seeded;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetails;

@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageHistoryTests {

    @Autowired
    TestTeams teams;

    @Autowired
    ApiKeyService keys;

    @Autowired
    UsageRecorder recorder;

    @Autowired
    Actors actors;

    @Autowired
    UsageHistory history;

    Seeded seeded;
    Seeded neighbour;

    @BeforeAll
    void seed() {
        UsageFixture fixture = new UsageFixture(teams, keys, recorder, actors);
        seeded = fixture.seed("History", 157, 11);
        neighbour = fixture.seed("Neighbour", 40, 12);
    }

    @Test
    void pagesReturnEveryRowOnceNewestFirst() {
        List<UsageEntry> all = new ArrayList<>();
        UsageCursor after = null;
        List<UsageEntry> page;
        do {
            UsageCursor cursor = after;
            page = as(() -> history.page(seeded.id(), UsageFilter.ALL, cursor, 20));
            all.addAll(page);
            after = page.isEmpty() ? null : page.getLast().cursor();
        } while (page.size() == 20);

        assertThat(all).hasSize(157);
        assertThat(all.stream().map(UsageEntry::requestId).distinct())
                .as("no row is served twice")
                .hasSize(157);
        assertThat(all)
                .isSortedAccordingTo(Comparator.comparing(UsageEntry::createdAt)
                        .thenComparingLong(UsageEntry::id)
                        .reversed());
        assertThat(all)
                .extracting(UsageEntry::requestId)
                .containsExactlyInAnyOrderElementsOf(
                        seeded.rows().stream().map(UsageRecord::requestId).toList());
    }

    @Test
    void pagesOfAFilteredHistoryHoldOnlyMatchingRows() {
        UsageFilter filter = UsageFilter.ALL
                .withModel(new ModelId(UsageFixture.MODELS.get(1)))
                .withStatus(UsageStatus.SUCCEEDED);

        List<UsageEntry> page = as(() -> history.page(seeded.id(), filter, null, 1_000));

        long expected = seeded.rows().stream()
                .filter(row -> row.model().equals(filter.model()) && row.status() == UsageStatus.SUCCEEDED)
                .count();
        assertThat(page).hasSize((int) expected).allSatisfy(entry -> {
            assertThat(entry.model()).isEqualTo(filter.model());
            assertThat(entry.status()).isEqualTo(UsageStatus.SUCCEEDED);
        });
    }

    @Test
    void anEntryCarriesTheWholeRowWithKeyNameAndEmail() {
        UsageRecord keyed = seeded.rows().stream()
                .filter(row -> row.apiKey() != null && row.kind() == UsageKind.CHAT)
                .findFirst()
                .orElseThrow();
        UsageRecord personal = seeded.rows().stream()
                .filter(row -> row.user() != null)
                .findFirst()
                .orElseThrow();

        UsageEntry byKey =
                as(() -> history.find(seeded.id(), keyed.requestId())).orElseThrow();
        UsageEntry byPerson =
                as(() -> history.find(seeded.id(), personal.requestId())).orElseThrow();

        assertThat(byKey.apiKey()).isEqualTo(keyed.apiKey());
        assertThat(byKey.apiKeyName()).isIn("ci", "batch");
        assertThat(byKey.tokens()).isEqualTo(keyed.tokens());
        assertThat(byKey.reasoningTokens()).isEqualTo(keyed.reasoningTokens());
        assertThat(byKey.tokenCost()).isEqualTo(keyed.tokenCost());
        assertThat(byKey.totalCost()).isEqualTo(keyed.totalCost());
        assertThat(byKey.createdAt()).isEqualTo(keyed.createdAt());
        assertThat(byKey.latency()).isEqualTo(keyed.latency());
        assertThat(byKey.timeToFirstToken()).isEqualTo(keyed.timeToFirstToken());
        assertThat(byKey.channel()).isEqualTo("simulator");
        assertThat(byPerson.user()).isEqualTo(personal.user());
        assertThat(byPerson.userEmail()).isEqualTo(seeded.member().email());
        assertThat(byPerson.source()).isEqualTo(CallSource.PLAYGROUND);
    }

    @Test
    void totalsOfAFilteredSetEqualTheSumsOfTheRowsItsExportHolds() {
        Instant dayTwo = UsageFixture.DAY_ONE.plus(Duration.ofDays(1));
        List<UsageFilter> filters = List.of(
                UsageFilter.ALL,
                UsageFilter.ALL.between(dayTwo, dayTwo.plus(Duration.ofDays(2))),
                UsageFilter.ALL.between(dayTwo.plus(Duration.ofMinutes(7)), dayTwo.plus(Duration.ofHours(30))),
                UsageFilter.ALL.between(null, dayTwo.plusMillis(1)),
                UsageFilter.ALL.withModel(new ModelId(UsageFixture.MODELS.get(0))),
                UsageFilter.ALL.withApiKey(seeded.batch()).withKind(UsageKind.CHAT),
                UsageFilter.ALL.withStatus(UsageStatus.FAILED),
                UsageFilter.ALL.withSource(CallSource.PLAYGROUND).between(dayTwo, null));

        for (UsageFilter filter : filters) {
            StringWriter csv = new StringWriter();
            long written = as(() -> history.exportCsv(seeded.id(), filter, csv));
            UsageTotals totals = as(() -> history.totals(seeded.id(), filter));

            assertThat(sums(csv.toString())).as("totals of %s", filter).isEqualTo(totals);
            assertThat(written).as("rows written for %s", filter).isEqualTo(totals.requests());
            assertThat(totals).as("totals of %s", filter).isEqualTo(expected(filter));
        }
    }

    @Test
    void theExportHasAHeaderAndExactAmounts() {
        StringWriter csv = new StringWriter();
        as(() -> history.exportCsv(seeded.id(), UsageFilter.ALL, csv));

        List<CsvRecord> records =
                CsvReader.builder().ofCsvRecord(csv.toString()).stream().toList();

        assertThat(records.getFirst().getFields()).isEqualTo(UsageCsv.HEADER);
        assertThat(records).hasSize(158);
        CsvRecord failed = records.stream()
                .filter(r -> r.getField(11).equals("FAILED"))
                .findFirst()
                .orElseThrow();
        assertThat(failed.getField(27))
                .as("quotes, commas and line breaks survive")
                .contains("\"quoted\", with a comma\nand");
        assertThat(records.get(1).getField(23)).matches("\\d+\\.\\d{9}");
    }

    @Test
    void aTeamSeesOnlyItsOwnRows() {
        String neighbours = neighbour.rows().getFirst().requestId();

        assertThat(as(() -> history.find(seeded.id(), neighbours))).isEmpty();
        assertThat(as(() -> history.totals(seeded.id(), UsageFilter.ALL)).requests())
                .isEqualTo(157);
        assertThat(as(() -> history.page(seeded.id(), UsageFilter.ALL, null, 1_000)))
                .extracting(UsageEntry::requestId)
                .doesNotContainAnyElementsOf(
                        neighbour.rows().stream().map(UsageRecord::requestId).toList());
    }

    @Test
    void aMemberOfAnotherTeamIsRefused() {
        UserDetails outsider = neighbour.member();

        assertThatThrownBy(() -> actors.as(outsider, () -> history.page(seeded.id(), UsageFilter.ALL, null, 10)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> actors.as(outsider, () -> history.totals(seeded.id(), UsageFilter.ALL)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> actors.as(
                        outsider,
                        () -> history.find(seeded.id(), seeded.rows().getFirst().requestId())))
                .isInstanceOf(AccessDeniedException.class);
        StringWriter csv = new StringWriter();
        assertThatThrownBy(() -> actors.as(outsider, () -> history.exportCsv(seeded.id(), UsageFilter.ALL, csv)))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(csv.toString())
                .as("nothing is written before access is checked")
                .isEmpty();
    }

    @Test
    void aPageSizeOutsideOneToAThousandIsRefused() {
        assertThatThrownBy(() -> as(() -> history.page(seeded.id(), UsageFilter.ALL, null, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> as(() -> history.page(seeded.id(), UsageFilter.ALL, null, 1_001)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Runs as a member of the seeded team, the way the portal calls. */
    private <T> T as(java.util.concurrent.Callable<T> work) {
        return actors.as(seeded.member(), work);
    }

    private static UsageTotals sums(String csv) {
        try (Stream<CsvRecord> records = CsvReader.builder().ofCsvRecord(csv).stream()) {
            return records.skip(1)
                    .map(r -> new UsageTotals(
                            1,
                            new TokenCounts(
                                    Long.parseLong(r.getField(12)),
                                    Long.parseLong(r.getField(13)),
                                    Long.parseLong(r.getField(14)),
                                    Long.parseLong(r.getField(15)),
                                    Long.parseLong(r.getField(16))),
                            Long.parseLong(r.getField(UsageCsv.HEADER.indexOf("reasoning_tokens"))),
                            Credits.parse(r.getField(23))))
                    .reduce(UsageTotals.NONE, UsageTotals::plus);
        }
    }

    private UsageTotals expected(UsageFilter filter) {
        return seeded.rows().stream()
                .filter(row -> matches(filter, row))
                .map(row -> new UsageTotals(1, row.tokens(), row.reasoningTokens(), row.totalCost()))
                .reduce(UsageTotals.NONE, UsageTotals::plus);
    }

    private static boolean matches(UsageFilter filter, UsageRecord row) {
        return (filter.from() == null || !row.createdAt().isBefore(filter.from()))
                && (filter.until() == null || row.createdAt().isBefore(filter.until()))
                && (filter.apiKey() == null || filter.apiKey().equals(row.apiKey()))
                && (filter.model() == null || filter.model().equals(row.model()))
                && (filter.kind() == null || filter.kind() == row.kind())
                && (filter.status() == null || filter.status() == row.status())
                && (filter.source() == null || filter.source() == row.caller().source());
    }
}
