package dev.tollgate.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.images.ImageGenerateParams;
import com.openai.models.videos.Video;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.VideoPolls;
import dev.tollgate.support.VideoRequests;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard in {@code docs/grafana} is built on the meters the application serves: every metric its
 * queries name is in a real scrape after some traffic, so renaming a meter without the dashboard fails here.
 */
@IntegrationTest
class GrafanaDashboardTests {

    static final Path DASHBOARD = Path.of("docs/grafana/tollgate-dashboard.json");
    static final Pattern METRIC = Pattern.compile("\\btollgate_[a-z0-9_]+");

    @LocalServerPort
    int port;

    @Test
    void everyMetricTheDashboardQueriesIsServed() throws Exception {
        JsonNode dashboard = JsonMapper.builder().build().readTree(DASHBOARD.toFile());
        List<String> queries = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> queries.add(expr.asString()));
        Set<String> named = new TreeSet<>();
        queries.forEach(query -> {
            Matcher metric = METRIC.matcher(query);
            while (metric.find()) {
                named.add(metric.group());
            }
        });
        FundedTeam team = FundedTeam.create(port, "Dashboard", "20.00");
        team.client().chat().completions().create(PrometheusEndpointTests.params(PrometheusEndpointTests.MODEL));
        team.client()
                .images()
                .generate(ImageGenerateParams.builder()
                        .model(MediaMetricsTests.IMAGE_MODEL)
                        .prompt("A kite")
                        .build());
        Video video = team.client()
                .videos()
                .create(VideoRequests.fourSecondLandscape(MediaMetricsTests.VIDEO_MODEL, "A kite over a beach")
                        .build());
        VideoPolls.untilFinished(team.client(), video.id());

        Set<String> served = PrometheusScrape.of(port).names();

        assertThat(queries).as("the dashboard's queries").hasSizeGreaterThanOrEqualTo(10);
        assertThat(named)
                .as("the metrics the dashboard's queries name")
                .contains(
                        "tollgate_requests_total",
                        "tollgate_request_latency_seconds_bucket",
                        "tollgate_time_to_first_token_seconds_bucket",
                        "tollgate_tokens_total",
                        "tollgate_cost_credits_total",
                        "tollgate_holds_open",
                        "tollgate_video_queue_depth",
                        "tollgate_video_queue_oldest_age_seconds",
                        "tollgate_webhook_backlog",
                        "tollgate_usage_rollup_waiting",
                        "tollgate_channel_circuit_state",
                        "tollgate_image_requests_total",
                        "tollgate_images_total",
                        "tollgate_video_jobs_total",
                        "tollgate_video_job_duration_seconds_bucket");
        assertThat(served).as("the metrics a scrape serves").containsAll(named);
    }

    @Test
    void everyPanelQueriesTheDatasourceChosenInItsVariable() {
        JsonNode dashboard = JsonMapper.builder().build().readTree(DASHBOARD.toFile());

        JsonNode variable = dashboard.path("templating").path("list").get(0);

        assertThat(variable.path("type").asString()).isEqualTo("datasource");
        assertThat(variable.path("query").asString()).isEqualTo("prometheus");
        assertThat(dashboard.path("panels").valueStream())
                .isNotEmpty()
                .allSatisfy(
                        panel -> assertThat(panel.path("datasource").path("uid").asString())
                                .as(panel.path("title").asString())
                                .isEqualTo("${" + variable.path("name").asString() + "}"));
    }
}
