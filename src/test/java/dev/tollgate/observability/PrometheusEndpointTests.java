package dev.tollgate.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code /actuator/prometheus} opens only to the metrics token, and a chat call moves the request, latency, token and
 * cost meters of its model, channel and dialect; a refused one is counted under its outcome.
 */
@IntegrationTest
class PrometheusEndpointTests {

    static final String MODEL = "aws/minimax-m2.1";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theScrapeIsRefusedWithoutTheMetricsToken() {
        HttpResponse<String> none = PrometheusScrape.get(port, null);
        HttpResponse<String> wrong = PrometheusScrape.get(port, "Bearer not-the-token");
        HttpResponse<String> masterKey = PrometheusScrape.get(port, "Bearer " + IntegrationTest.MASTER_KEY);

        assertThat(none.statusCode()).as("no credentials").isEqualTo(401);
        assertThat(wrong.statusCode()).as("a wrong token").isEqualTo(401);
        assertThat(masterKey.statusCode())
                .as("the admin master key is not the metrics token")
                .isEqualTo(401);
        assertThat(none.body()).doesNotContain("tollgate_").contains("metrics token");
    }

    @Test
    void theScrapeIsServedWithTheMetricsTokenAndHealthStaysOpen() throws Exception {
        HttpResponse<String> scrape = PrometheusScrape.get(port, "Bearer " + PrometheusScrape.TOKEN);
        HttpResponse<String> health;
        try (HttpClient client = HttpClient.newHttpClient()) {
            health = client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(scrape.body())
                .contains("tollgate_holds_open")
                .contains("tollgate_video_queue_depth")
                .contains("tollgate_usage_rollup_waiting");
        assertThat(health.statusCode()).as("health needs no credentials").isEqualTo(200);
    }

    @Test
    void aChatCallIsCountedWithItsTokensCostAndLatency() {
        FundedTeam team = FundedTeam.create(port, "Metered", "10.00");
        Map<String, String> route =
                Map.of("model", MODEL, "channel", "simulator", "dialect", "openai", "outcome", "ok");
        PrometheusScrape before = PrometheusScrape.of(port);

        team.client().chat().completions().create(params(MODEL));

        PrometheusScrape after = PrometheusScrape.of(port);
        assertThat(after.increaseSince(before, "tollgate_requests_total", route))
                .as("one served call of the model through the simulator in the OpenAI dialect")
                .isEqualTo(1.0);
        Map<String, String> timing = Map.of("model", MODEL, "channel", "simulator", "dialect", "openai");
        assertThat(after.increaseSince(before, "tollgate_request_latency_seconds_count", timing))
                .isEqualTo(1.0);
        assertThat(after.increaseSince(before, "tollgate_time_to_first_token_seconds_count", timing))
                .isEqualTo(1.0);
        assertThat(after.increaseSince(before, "tollgate_tokens_total", Map.of("model", MODEL, "type", "output")))
                .as("the reply's output tokens")
                .isPositive();
        double spent = 10.0 - team.balance(jdbc).doubleValue();
        assertThat(after.increaseSince(before, "tollgate_cost_credits_total", Map.of("model", MODEL)))
                .as("the credits the call was charged")
                .isCloseTo(spent, Offset.offset(1e-9));
        assertThat(after.series().keySet())
                .as("no team or key ever labels a series")
                .noneMatch(series -> series.contains(team.id()) || series.contains(team.key()));
    }

    @Test
    void aCallForAModelNobodySellsIsCountedAsAnInvalidRequestWithoutItsName() {
        FundedTeam team = FundedTeam.create(port, "Refused", "1.00");
        Map<String, String> refused = Map.of("model", "none", "dialect", "openai", "outcome", "invalid_request");
        PrometheusScrape before = PrometheusScrape.of(port);

        assertThatThrownBy(() -> team.client().chat().completions().create(params("made-up/model-x1")))
                .isInstanceOf(NotFoundException.class);

        PrometheusScrape after = PrometheusScrape.of(port);
        assertThat(after.increaseSince(before, "tollgate_requests_total", refused))
                .isEqualTo(1.0);
        assertThat(after.series().keySet())
                .as("a caller's made-up model name is no label")
                .noneMatch(series -> series.contains("made-up/model-x1"));
    }

    @Test
    void theSimulatorsCircuitIsReportedClosed() {
        assertThat(PrometheusScrape.of(port).series())
                .containsEntry("tollgate_channel_circuit_state{channel=\"simulator\"}", 0.0);
    }

    static ChatCompletionCreateParams params(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("Say something")
                .maxCompletionTokens(50)
                .build();
    }
}
