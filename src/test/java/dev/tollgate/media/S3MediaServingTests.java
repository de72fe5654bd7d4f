package dev.tollgate.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.videos.Video;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.RawHttp;
import dev.tollgate.support.S3ProxyServer;
import dev.tollgate.support.VideoPolls;
import dev.tollgate.support.VideoRequests;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application with its media in a bucket of a real S3-compatible server (S3Proxy): what the API generates is
 * written to the bucket, where any S3 client finds it, and served from there by the media URLs: an image and its
 * thumbnail whole with their content types, a video by byte range. The media directory only ever holds staging files,
 * and none are left.
 */
@IntegrationTest
class S3MediaServingTests {

    private static final String BUCKET = "served-media";
    private static S3ProxyServer server;

    @LocalServerPort
    int port;

    @Autowired
    MediaProperties properties;

    private RawHttp http;
    private FundedTeam team;

    @DynamicPropertySource
    static void mediaInABucket(DynamicPropertyRegistry registry) throws Exception {
        server = S3ProxyServer.shared();
        server.createBucket(BUCKET);
        server.properties(BUCKET).forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tollgate.media.s3.prefix", () -> "media");
    }

    @BeforeEach
    void aTeam() {
        http = new RawHttp(port);
        team = FundedTeam.create(port, "Bucket", "10.00");
    }

    @Test
    void anImageAndItsThumbnailAreWrittenToTheBucketAndServedFromIt() throws IOException {
        RawHttp.Response generated = http.send(
                "POST /v1/images/generations HTTP/1.1\r\nAuthorization: Bearer " + team.key()
                        + "\r\nContent-Type: application/json\r\n",
                "{\"model\":\"enterprise/image-2\",\"prompt\":\"A lighthouse in a bucket\"}");
        assertThat(generated.status()).as(generated.text()).isEqualTo(200);
        String path = URI.create(JsonMapper.builder()
                        .build()
                        .readTree(generated.text())
                        .get("data")
                        .get(0)
                        .get("url")
                        .asString())
                .getPath();
        String id = path.substring("/media/".length(), path.length() - ".png".length());

        RawHttp.Response image = http.send("GET " + path + " HTTP/1.1\r\n");
        RawHttp.Response thumbnail = http.send("GET /media/thumbnails/" + id + ".jpg HTTP/1.1\r\n");

        assertThat(server.keys(BUCKET)).contains("media/" + id + ".png", "media/" + id + ".thumb.jpg");
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.header("Cache-Control")).contains("immutable");
        assertThat(image.body())
                .as("the image served is the object in the bucket")
                .isEqualTo(server.read(BUCKET, "media/" + id + ".png"));
        assertThat(thumbnail.status()).isEqualTo(200);
        assertThat(thumbnail.contentType()).isEqualTo("image/jpeg");
        assertThat(thumbnail.body()).isEqualTo(server.read(BUCKET, "media/" + id + ".thumb.jpg"));
        assertNothingLeftInTheMediaDirectory();
    }

    @Test
    void aVideoIsServedFromTheBucketByRangeAndLeavesItWhenDeleted() throws Exception {
        Video created = team.client()
                .videos()
                .create(VideoRequests.fourSecondLandscape("enterprise/seedance-1-5-pro", "Waves on a pier, in a bucket")
                        .build());
        Video done = VideoPolls.untilFinished(team.client(), created.id());
        String path = URI.create(done._additionalProperties().get("video_url").asStringOrThrow())
                .getPath();
        String key = "media/" + path.substring("/media/".length());
        byte[] stored = server.read(BUCKET, key);

        RawHttp.Response start = http.send("GET " + path + " HTTP/1.1\r\nRange: bytes=0-\r\n");
        RawHttp.Response seek = http.send("GET " + path + " HTTP/1.1\r\nRange: bytes=1000-1999\r\n");

        assertThat(start.status()).isEqualTo(206);
        assertThat(start.contentType()).isEqualTo("video/mp4");
        assertThat(start.header("Content-Range")).isEqualTo("bytes 0-" + (stored.length - 1) + "/" + stored.length);
        assertThat(start.body()).isEqualTo(stored);
        assertThat(seek.status()).isEqualTo(206);
        assertThat(seek.header("Content-Range")).isEqualTo("bytes 1000-1999/" + stored.length);
        assertThat(seek.body()).isEqualTo(Arrays.copyOfRange(stored, 1000, 2000));
        assertNothingLeftInTheMediaDirectory();

        team.client().videos().delete(created.id());

        assertThat(server.keys(BUCKET))
                .as("the video and its poster leave the bucket")
                .noneMatch(name -> name.startsWith(key.substring(0, key.length() - ".mp4".length())));
        assertThat(http.send("GET " + path + " HTTP/1.1\r\n").status()).isEqualTo(404);
    }

    private void assertNothingLeftInTheMediaDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(properties.directory())) {
            assertThat(files.filter(Files::isRegularFile))
                    .as("with the bucket as the store, the directory holds staging files only while they are written")
                    .isEmpty();
        }
    }
}
