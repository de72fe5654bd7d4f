package dev.tollgate.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.errors.BadRequestException;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.videos.Video;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.VideoPolls;
import dev.tollgate.support.VideoRequests;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Image calls and video jobs move their own meters and the model's cost, as chat calls do
 * ({@link PrometheusEndpointTests}).
 */
@IntegrationTest
class MediaMetricsTests {

    static final String IMAGE_MODEL = "enterprise/image-2";
    static final String VIDEO_MODEL = "enterprise/seedance-1-5-pro";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anImageCallIsCountedWithItsImagesLatencyAndCost() {
        FundedTeam team = FundedTeam.create(port, "Imaged", "10.00");
        Map<String, String> served = Map.of("model", IMAGE_MODEL, "channel", "simulator", "outcome", "ok");
        Map<String, String> model = Map.of("model", IMAGE_MODEL);
        PrometheusScrape before = PrometheusScrape.of(port);

        team.client()
                .images()
                .generate(ImageGenerateParams.builder()
                        .model(IMAGE_MODEL)
                        .prompt("A lighthouse at dusk")
                        .n(2)
                        .build());

        PrometheusScrape after = PrometheusScrape.of(port);
        assertThat(after.increaseSince(before, "tollgate_image_requests_total", served))
                .as("one served image call through the simulator")
                .isEqualTo(1.0);
        assertThat(after.increaseSince(before, "tollgate_images_total", model))
                .as("the two images it delivered")
                .isEqualTo(2.0);
        Map<String, String> timing = Map.of("model", IMAGE_MODEL, "channel", "simulator");
        assertThat(after.increaseSince(before, "tollgate_image_request_latency_seconds_count", timing))
                .isEqualTo(1.0);
        double spent = 10.0 - team.balance(jdbc).doubleValue();
        assertThat(spent).as("two images cost something").isPositive();
        assertThat(after.increaseSince(before, "tollgate_cost_credits_total", model))
                .as("the model's cost counts what the images were charged")
                .isCloseTo(spent, Offset.offset(1e-9));
    }

    @Test
    void aRefusedImageCallIsCountedUnderItsOutcomeAndCostsNothing() {
        FundedTeam team = FundedTeam.create(port, "Refused images", "10.00");
        Map<String, String> refused = Map.of("model", IMAGE_MODEL, "channel", "none", "outcome", "invalid_request");
        Map<String, String> model = Map.of("model", IMAGE_MODEL);
        PrometheusScrape before = PrometheusScrape.of(port);

        assertThatThrownBy(() -> team.client()
                        .images()
                        .generate(ImageGenerateParams.builder()
                                .model(IMAGE_MODEL)
                                .prompt("A lighthouse at dusk")
                                .size(ImageGenerateParams.Size._1536X1024)
                                .build()))
                .isInstanceOf(BadRequestException.class);

        PrometheusScrape after = PrometheusScrape.of(port);
        assertThat(after.increaseSince(before, "tollgate_image_requests_total", refused))
                .isEqualTo(1.0);
        assertThat(after.increaseSince(before, "tollgate_cost_credits_total", model))
                .isZero();
    }

    @Test
    void aCompletedVideoJobIsCountedWithItsDurationAndCost() throws Exception {
        FundedTeam team = FundedTeam.create(port, "Filmed", "10.00");
        Map<String, String> completed = Map.of("model", VIDEO_MODEL, "channel", "simulator", "outcome", "completed");
        Map<String, String> model = Map.of("model", VIDEO_MODEL);
        awaitNoUnfinishedJobOfTheModel();
        PrometheusScrape before = PrometheusScrape.of(port);

        Video created = team.client()
                .videos()
                .create(VideoRequests.fourSecondLandscape(VIDEO_MODEL, "A paper boat drifting down a rainy street")
                        .build());
        assertThat(VideoPolls.untilFinished(team.client(), created.id())
                        .status()
                        .asString())
                .isEqualTo("completed");

        PrometheusScrape after = PrometheusScrape.of(port);
        assertThat(after.increaseSince(before, "tollgate_video_jobs_total", completed))
                .isEqualTo(1.0);
        Map<String, String> timing = Map.of("model", VIDEO_MODEL, "channel", "simulator");
        assertThat(after.increaseSince(before, "tollgate_video_job_duration_seconds_count", timing))
                .isEqualTo(1.0);
        double spent = 10.0 - team.balance(jdbc).doubleValue();
        assertThat(after.increaseSince(before, "tollgate_cost_credits_total", model))
                .as("the job's price, kept once it completed")
                .isCloseTo(spent, Offset.offset(1e-9))
                .isPositive();
    }

    /** A job of the model another test left running would move its series while this test watches them. */
    private void awaitNoUnfinishedJobOfTheModel() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (unfinishedJobsOfTheModel() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(unfinishedJobsOfTheModel())
                .as("jobs of %s other tests left unfinished", VIDEO_MODEL)
                .isZero();
    }

    private long unfinishedJobsOfTheModel() {
        return jdbc.sql("select count(*) from video_job where model = ? and status in ('QUEUED', 'IN_PROGRESS')")
                .param(VIDEO_MODEL)
                .query(Long.class)
                .single();
    }
}
