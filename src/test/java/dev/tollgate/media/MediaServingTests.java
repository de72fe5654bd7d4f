package dev.tollgate.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.videos.Video;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.RawHttp;
import dev.tollgate.support.VideoPolls;
import dev.tollgate.support.VideoRequests;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Media URLs answer byte ranges (206, or 416 with no content for a range past the end) and conditional requests
 * (If-None-Match with a tag, a list or {@code *}, If-Modified-Since, If-Range, HEAD) as RFC 9110 says, so players
 * can seek and caches can revalidate.
 */
@IntegrationTest
class MediaServingTests {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    @LocalServerPort
    int port;

    private RawHttp http;
    private FundedTeam team;
    private String path;
    private byte[] image;
    private String etag;

    @BeforeEach
    void anImage() {
        http = new RawHttp(port);
        team = FundedTeam.create(port, "Media", "10.00");
        RawHttp.Response generated = http.send(
                "POST /v1/images/generations HTTP/1.1\r\nAuthorization: Bearer " + team.key()
                        + "\r\nContent-Type: application/json\r\n",
                "{\"model\":\"enterprise/image-2\",\"prompt\":\"A lighthouse\"}");
        String url = JsonMapper.builder()
                .build()
                .readTree(generated.text())
                .get("data")
                .get(0)
                .get("url")
                .asString();
        path = URI.create(url).getPath();
        RawHttp.Response whole = get("");
        assertThat(whole.status()).isEqualTo(200);
        image = whole.body();
        etag = whole.header("ETag");
    }

    @Test
    void aRangePastTheEndIsA416WithoutTheFile() {
        RawHttp.Response response = get("Range: bytes=999999999-\r\n");

        assertThat(response.status()).isEqualTo(416);
        assertThat(response.header("Content-Range")).isEqualTo("bytes */" + image.length);
        assertThat(response.body().length).as("no part of the image is sent").isLessThan(image.length);
        assertThat(new String(response.body(), StandardCharsets.ISO_8859_1)).doesNotContain("PNG");
    }

    @Test
    void aSatisfiableRangeIsA206WithExactlyThoseBytes() {
        RawHttp.Response first = get("Range: bytes=0-99\r\n");
        assertThat(first.status()).isEqualTo(206);
        assertThat(first.header("Content-Range")).isEqualTo("bytes 0-99/" + image.length);
        assertThat(first.body()).isEqualTo(Arrays.copyOfRange(image, 0, 100));

        RawHttp.Response suffix = get("Range: bytes=-10\r\n");
        assertThat(suffix.status()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(image, image.length - 10, image.length));

        RawHttp.Response rest = get("Range: bytes=100-\r\n");
        assertThat(rest.status()).isEqualTo(206);
        assertThat(rest.header("Content-Range")).isEqualTo("bytes 100-" + (image.length - 1) + "/" + image.length);
        assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(image, 100, image.length));
    }

    @Test
    void onlyTheSatisfiableRangesOfAListAreServed() {
        RawHttp.Response response = get("Range: bytes=0-9, 999999999-\r\n");

        assertThat(response.status()).isEqualTo(206);
        assertThat(response.header("Content-Range")).isEqualTo("bytes 0-9/" + image.length);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(image, 0, 10));
    }

    @Test
    void severalRangesComeAsMultipartByteranges() {
        RawHttp.Response response = get("Range: bytes=0-9,20-29\r\n");

        assertThat(response.status()).isEqualTo(206);
        assertThat(response.contentType()).startsWith("multipart/byteranges");
        String body = new String(response.body(), StandardCharsets.ISO_8859_1);
        assertThat(body)
                .contains("Content-Range: bytes 0-9/" + image.length)
                .contains("Content-Range: bytes 20-29/" + image.length)
                .contains(new String(Arrays.copyOfRange(image, 20, 30), StandardCharsets.ISO_8859_1));
    }

    @Test
    void aRangeHeaderThatIsNotValidIsIgnored() {
        for (String range : new String[] {"bytes=abc", "bytes=20-10", "items=0-1"}) {
            RawHttp.Response response = get("Range: " + range + "\r\n");
            assertThat(response.status()).as(range).isEqualTo(200);
            assertThat(response.body()).as(range).isEqualTo(image);
        }
    }

    @Test
    void ifNoneMatchWithTheTagAListHoldingItOrAStarIsA304() {
        for (String condition : new String[] {etag, "\"other\", " + etag, "*", "W/" + etag}) {
            RawHttp.Response response = get("If-None-Match: " + condition + "\r\n");
            assertThat(response.status()).as(condition).isEqualTo(304);
            assertThat(response.body()).as(condition).isEmpty();
            assertThat(response.header("ETag")).as(condition).isEqualTo(etag);
        }
    }

    @Test
    void ifNoneMatchWithOtherTagsIsA200() {
        RawHttp.Response response = get("If-None-Match: \"other\", \"another\"\r\n");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(image);
    }

    @Test
    void ifModifiedSinceIsA304OnceTheMediaExistedAndA200Before() {
        RawHttp.Response later =
                get("If-Modified-Since: " + HTTP_DATE.format(Instant.now().plusSeconds(60)) + "\r\n");
        assertThat(later.status()).isEqualTo(304);

        RawHttp.Response earlier =
                get("If-Modified-Since: " + HTTP_DATE.format(Instant.now().minus(Duration.ofDays(1))) + "\r\n");
        assertThat(earlier.status()).isEqualTo(200);
        assertThat(earlier.body()).isEqualTo(image);
    }

    @Test
    void ifRangeServesTheRangeOnlyWhileItsValidatorStillHolds() {
        RawHttp.Response current = get("Range: bytes=0-9\r\nIf-Range: " + etag + "\r\n");
        assertThat(current.status()).isEqualTo(206);
        assertThat(current.body()).isEqualTo(Arrays.copyOfRange(image, 0, 10));

        RawHttp.Response stale = get("Range: bytes=0-9\r\nIf-Range: \"something-else\"\r\n");
        assertThat(stale.status()).as("a changed tag gets the whole file").isEqualTo(200);
        assertThat(stale.body()).isEqualTo(image);

        RawHttp.Response byDate = get("Range: bytes=0-9\r\nIf-Range: "
                + HTTP_DATE.format(Instant.now().minus(Duration.ofDays(1))) + "\r\n");
        assertThat(byDate.status())
                .as("a date other than Last-Modified gets the whole file")
                .isEqualTo(200);
    }

    @Test
    void headAnswersTheHeadersWithoutTheBody() {
        RawHttp.Response response = http.send("HEAD " + path + " HTTP/1.1\r\n");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(image.length));
        assertThat(response.header("ETag")).isEqualTo(etag);
        assertThat(response.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void aVideoAnswersTheOpenRangeBrowsersStartPlaybackWith() throws Exception {
        Video created = team.client()
                .videos()
                .create(VideoRequests.fourSecondLandscape("enterprise/seedance-1-5-pro", "Waves on a pier")
                        .build());
        Video done = VideoPolls.untilFinished(team.client(), created.id());
        String video = URI.create(done._additionalProperties().get("video_url").asStringOrThrow())
                .getPath();

        RawHttp.Response whole = http.send("GET " + video + " HTTP/1.1\r\n");
        RawHttp.Response start = http.send("GET " + video + " HTTP/1.1\r\nRange: bytes=0-\r\n");
        RawHttp.Response seek = http.send("GET " + video + " HTTP/1.1\r\nRange: bytes=1000-1999\r\n");

        assertThat(start.status()).isEqualTo(206);
        assertThat(start.contentType()).isEqualTo("video/mp4");
        assertThat(start.header("Content-Range"))
                .isEqualTo("bytes 0-" + (whole.body().length - 1) + "/" + whole.body().length);
        assertThat(seek.status()).isEqualTo(206);
        assertThat(seek.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 1000, 2000));
    }

    private RawHttp.Response get(String headers) {
        return http.send("GET " + path + " HTTP/1.1\r\n" + headers);
    }
}
