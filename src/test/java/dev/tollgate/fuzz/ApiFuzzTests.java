package dev.tollgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.support.Actors;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.RawHttp;
import dev.tollgate.support.TestChannels;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A standing corpus of hostile requests against every public endpoint (the two chat dialects, token counting, models,
 * images, edits, videos, media and the admin API): malformed JSON, wrong types, huge and negative numbers, deep
 * nesting, NUL and invalid UTF-8, wrong content types, bogus multipart, oversize bodies, odd ids and paths, malformed
 * credentials and hostile JSON Schemas in tools. Every case must be answered, in time, below 500, with the caller's
 * error JSON under the API prefixes, without a credential in the log and without allocating without bound.
 */
@IntegrationTest
class ApiFuzzTests {

    /**
     * What one request may allocate in the whole application, the test's own sending left out, before the bytes it
     * sends: reading a body costs work in proportion to its length, which is bounded by the body cap, so each byte sent
     * may cost a few more.
     */
    private static final long ALLOCATION_PER_CASE = 512L << 20;

    private static final int ALLOCATION_PER_BYTE_SENT = 4;

    /** Tries after the first before a case is taken to be over its allocation cap. */
    private static final int ALLOCATION_RETRIES = 2;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ChannelService channelService;

    @Autowired
    Actors actors;

    @AfterEach
    void removeFuzzedChannels() {
        new TestChannels(channelService, actors).removeAll();
    }

    @TestFactory
    Stream<DynamicTest> everyHostileRequestGetsAClearRefusalOrAnAnswer() {
        FundedTeam team = FundedTeam.create(port, "Fuzz", "1000.00");
        String videoKey = new AdminApiClient(port, IntegrationTest.MASTER_KEY)
                .createKey(team.id(), "{\"name\":\"no videos\",\"budget\":\"0.01\"}")
                .get("key")
                .asString();
        List<FuzzCase> corpus = new ArrayList<>();
        JsonEndpoints.of(team.key(), videoKey, IntegrationTest.MASTER_KEY, team.id())
                .all()
                .forEach(endpoint -> corpus.addAll(JsonMutations.of(endpoint)));
        corpus.addAll(HostileRequests.all(team.key(), IntegrationTest.MASTER_KEY, team.id()));
        assertThat(corpus).as("the corpus is as large as promised").hasSizeGreaterThan(500);

        LogWatch log = LogWatch.forSecrets(List.of(
                team.key().substring(4, 24), IntegrationTest.MASTER_KEY, IntegrationTest.ADMIN_PASSWORD, "sk-fuzz"));
        RawHttp http = new RawHttp(port);
        return corpus.stream()
                .map(fuzzCase -> DynamicTest.dynamicTest(fuzzCase.name(), () -> {
                    log.clear();
                    Allocation allocation = Allocation.start();
                    RawHttp.Response response;
                    try {
                        response = http.exchange(
                                fuzzCase.bytes(), fuzzCase.method().equals("HEAD"));
                    } catch (UncheckedIOException noAnswer) {
                        throw new AssertionError(fuzzCase + " got no answer in time", noAnswer);
                    }
                    long allocated = allocation.stop();
                    long cap = ALLOCATION_PER_CASE + (long) ALLOCATION_PER_BYTE_SENT * fuzzCase.bytes().length;
                    // the count covers the whole JVM, so background work of other contexts can land in it: a case
                    // is over the cap only when every retry is over it too
                    for (int retry = 0; retry < ALLOCATION_RETRIES && allocated >= cap; retry++) {
                        Allocation again = Allocation.start();
                        http.exchange(fuzzCase.bytes(), fuzzCase.method().equals("HEAD"));
                        allocated = Math.min(allocated, again.stop());
                    }

                    assertThat(response.status())
                            .as("%s answered %d: %s", fuzzCase, response.status(), abbreviate(response.text()))
                            .isLessThan(500);
                    if (fuzzCase.expectedStatus() != null) {
                        assertThat(response.status())
                                .as("%s: %s", fuzzCase, abbreviate(response.text()))
                                .isEqualTo(fuzzCase.expectedStatus());
                    }
                    if (fuzzCase.underApi() && response.status() >= 400) {
                        assertIsErrorJson(fuzzCase, response);
                    }
                    assertThat(allocated)
                            .as("%s allocated %,d bytes", fuzzCase, allocated)
                            .isLessThan(cap);
                    assertThat(log.leaks())
                            .as("%s: log lines showing a credential", fuzzCase)
                            .isEmpty();
                }))
                .onClose(log::close);
    }

    private static void assertIsErrorJson(FuzzCase fuzzCase, RawHttp.Response response) {
        assertThat(response.contentType())
                .as("%s: an API error is JSON, not a page", fuzzCase)
                .startsWith("application/json");
        JsonNode body;
        try {
            body = JSON.readTree(response.text());
        } catch (RuntimeException notJson) {
            fail("%s answered %d with a body that is not JSON: %s", fuzzCase, response.status(), response.text());
            return;
        }
        if (fuzzCase.anthropicDialect()) {
            assertThat(body.path("type").asString(""))
                    .as("%s: %s", fuzzCase, body)
                    .isEqualTo("error");
            assertThat(body.path("error").path("type").isString())
                    .as("%s: %s", fuzzCase, body)
                    .isTrue();
            assertThat(body.path("error").path("message").isString())
                    .as("%s: %s", fuzzCase, body)
                    .isTrue();
        } else {
            assertThat(body.path("error").path("message").isString())
                    .as("%s: %s", fuzzCase, body)
                    .isTrue();
            assertThat(body.path("error").path("type").isString())
                    .as("%s: %s", fuzzCase, body)
                    .isTrue();
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    /** Bytes the application allocated while a case ran, less what the sending thread itself allocated. */
    private record Allocation(long total, long own) {

        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        static Allocation start() {
            return new Allocation(THREADS.getTotalThreadAllocatedBytes(), THREADS.getCurrentThreadAllocatedBytes());
        }

        long stop() {
            long everyone = THREADS.getTotalThreadAllocatedBytes() - total;
            long mine = THREADS.getCurrentThreadAllocatedBytes() - own;
            return Math.max(0, everyone - mine);
        }
    }
}
