package dev.tollgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.AdminApiClient.Reply;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestTeams;
import dev.tollgate.usage.UsageFixture;
import dev.tollgate.usage.UsageFixture.Seeded;
import dev.tollgate.usage.UsageRecord;
import dev.tollgate.usage.UsageRecorder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminUsageApiTests {

    static final LocalDate FIRST = LocalDate.ofInstant(UsageFixture.DAY_ONE, ZoneOffset.UTC);

    @LocalServerPort
    int port;

    @Autowired
    TestTeams teams;

    @Autowired
    ApiKeyService keys;

    @Autowired
    UsageRecorder recorder;

    @Autowired
    Actors actors;

    Seeded seeded;
    AdminApiClient admin;

    @BeforeAll
    void seed() {
        seeded = new UsageFixture(teams, keys, recorder, actors).seed("Admin usage", 60, 31);
        admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
    }

    @Test
    void totalsPerDayAreExactDecimalStrings() {
        Reply reply = admin.get(usage("?from=" + FIRST.plusDays(1) + "&to=" + FIRST.plusDays(2) + "&groupBy=day"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("groupBy").asString()).isEqualTo("day");
        Map<String, String> expected = seeded.rows().stream()
                .filter(row -> !day(row).isBefore(FIRST.plusDays(1)) && !day(row).isAfter(FIRST.plusDays(2)))
                .collect(Collectors.groupingBy(
                        row -> day(row).toString(),
                        Collectors.collectingAndThen(
                                Collectors.reducing(Credits.ZERO, UsageRecord::totalCost, Credits::plus),
                                Credits::toPlainString)));
        assertThat(groups(reply.body(), "totalCost"))
                .as("the range includes its last day")
                .isEqualTo(expected);
        assertThat(reply.body().get("total").get("requests").asLong())
                .isEqualTo(seeded.rows().stream()
                        .filter(row -> !day(row).isBefore(FIRST.plusDays(1)) && !day(row).isAfter(FIRST.plusDays(2)))
                        .count());
    }

    @Test
    void totalsPerModelAndKeyCoverTheWholeRange() {
        Credits all = seeded.rows().stream().map(UsageRecord::totalCost).reduce(Credits.ZERO, Credits::plus);
        String range = "?from=" + FIRST + "&to=" + FIRST.plusDays(4);

        Reply byModel = admin.get(usage(range + "&groupBy=model"));
        Reply byKey = admin.get(usage(range + "&groupBy=key"));

        assertThat(groups(byModel.body(), "totalCost")).containsOnlyKeys(UsageFixture.MODELS);
        assertThat(byModel.body().get("total").get("totalCost").asString()).isEqualTo(all.toPlainString());
        assertThat(byModel.body().get("total").get("cacheWrite1hTokens").asLong())
                .as("one-hour cache writes are reported as their own count")
                .isEqualTo(seeded.rows().stream()
                        .mapToLong(row -> row.tokens().cacheWrite1h())
                        .sum())
                .isPositive();
        assertThat(byKey.body().get("data").valueStream().map(g -> g.get("name").asString("(none)")))
                .containsExactlyInAnyOrder("batch", "ci", "(none)");
        assertThat(byKey.body().get("total").get("totalCost").asString()).isEqualTo(all.toPlainString());
        JsonNode ci = byKey.body()
                .get("data")
                .valueStream()
                .filter(g -> "ci".equals(g.get("name").asString(null)))
                .findFirst()
                .orElseThrow();
        assertThat(ci.get("group").asString()).isEqualTo(seeded.ci().toString());
    }

    @Test
    void theCsvDownloadHoldsTheRawRowsOfTheRange() throws IOException, InterruptedException {
        HttpResponse<String> response =
                download(usage(".csv?from=" + FIRST + "&to=" + FIRST), IntegrationTest.MASTER_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(disposition -> assertThat(disposition).startsWith("attachment"));
        List<CsvRecord> records =
                CsvReader.builder().ofCsvRecord(response.body()).stream().toList();
        assertThat(records.getFirst().getField(0)).isEqualTo("created_at");
        assertThat(records.stream().skip(1).map(r -> r.getField(1)).toList())
                .containsExactlyInAnyOrderElementsOf(seeded.rows().stream()
                        .filter(row -> day(row).equals(FIRST))
                        .map(UsageRecord::requestId)
                        .toList());
    }

    @Test
    void theCsvDownloadWithoutDatesHoldsEveryRow() throws IOException, InterruptedException {
        HttpResponse<String> response = download(usage(".csv"), IntegrationTest.MASTER_KEY);

        assertThat(CsvReader.builder().ofCsvRecord(response.body()).stream().count())
                .isEqualTo(61);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "?from=2026-03-01&to=2026-03-05&groupBy=week",
                "?from=2026-13-01&to=2026-03-05",
                "?from=yesterday&to=2026-03-05",
                "?from=2026-03-01",
                "?to=2026-03-05",
                "?from=2026-03-05&to=2026-03-01",
                ".csv?from=2026-03-01&to=03/05/2026",
                ".csv?from=2026-03-05&to=2026-03-01"
            })
    void badDatesAndGroupingsAreCleanBadRequests(String query) {
        Reply reply = admin.get(usage(query));

        assertThat(reply.status()).as(query).isEqualTo(400);
        assertThat(reply.body().get("error").get("type").asString()).isEqualTo("invalid_request_error");
    }

    @Test
    void anUnknownTeamIsNotFound() {
        assertThat(admin.get("/admin/v1/teams/" + java.util.UUID.randomUUID() + "/usage?from=2026-03-01&to=2026-03-02")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void withoutTheMasterKeyBothEndpointsAnswer401() throws IOException, InterruptedException {
        AdminApiClient anonymous = new AdminApiClient(port, null);

        assertThat(anonymous.get(usage("?from=2026-03-01&to=2026-03-02")).status())
                .isEqualTo(401);
        assertThat(download(usage(".csv"), "wrong-key").statusCode()).isEqualTo(401);
    }

    private String usage(String rest) {
        return "/admin/v1/teams/" + seeded.id() + "/usage" + rest;
    }

    private HttpResponse<String> download(String path, String key) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Authorization", "Bearer " + key)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static Map<String, String> groups(JsonNode body, String field) {
        return body.get("data")
                .valueStream()
                .collect(Collectors.toMap(
                        g -> g.get("group").asString(), g -> g.get(field).asString()));
    }

    private static LocalDate day(UsageRecord row) {
        return LocalDate.ofInstant(row.createdAt(), ZoneOffset.UTC);
    }
}
