package dev.tollgate.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.support.PackagedApp;
import dev.tollgate.support.S3ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 store against a real S3-compatible server (S3Proxy), through the settings an operator gives. */
class S3MediaStoreTests extends MediaStoreContract {

    private static final AtomicInteger buckets = new AtomicInteger();
    private static S3ProxyServer server;

    @TempDir
    Path mediaDirectory;

    private String bucket;
    private S3MediaStore store;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.shared();
    }

    @BeforeEach
    void emptyBucket() throws IOException {
        bucket = "store-" + buckets.incrementAndGet();
        server.createBucket(bucket);
        store = S3Buckets.open(
                settings(bucket, server.endpoint().toString(), S3ProxyServer.CREDENTIAL, false), staging());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Override
    MediaStore store() {
        return store;
    }

    @Test
    void objectsAreKeptUnderThePrefixWithTheirContentType() throws IOException {
        Path staged = store.stagingFile();
        Files.writeString(staged, "not really a png");

        store.put("PrefixedPrefixedPrefixed.png", staged);

        assertThat(server.keys(bucket)).containsExactly("tollgate/media/PrefixedPrefixedPrefixed.png");
        try (S3Client plain = server.client()) {
            assertThat(plain.headObject(request ->
                                    request.bucket(bucket).key("tollgate/media/PrefixedPrefixedPrefixed.png"))
                            .contentType())
                    .isEqualTo("image/png");
        }
        assertThat(staged.getParent()).as("nothing is left in staging").isEmptyDirectory();
    }

    @Test
    void aReadFromTheMiddleAsksTheServerForTheRestOnly() throws IOException {
        List<String> ranges = new CopyOnWriteArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.httpRequest().method().name().equals("GET")) {
                    ranges.add(
                            context.httpRequest().firstMatchingHeader("Range").orElse("(whole object)"));
                }
            }
        };
        byte[] bytes = new byte[50_000];
        Path staged = store.stagingFile();
        Files.write(staged, bytes);
        store.put("RangedRangedRangedRanged.mp4", staged);

        try (S3Client recorded = server.clientBuilder()
                        .overrideConfiguration(config -> config.addExecutionInterceptor(recorder))
                        .build();
                S3MediaStore observed = new S3MediaStore(recorded, bucket, "tollgate/media/", staging())) {
            Resource object = observed.get("RangedRangedRangedRanged.mp4").orElseThrow();
            try (InputStream whole = object.getInputStream()) {
                whole.readNBytes(10);
            }
            try (InputStream seek = object.getInputStream()) {
                seek.skip(40_000);
                assertThat(seek.readAllBytes()).hasSize(10_000);
            }
        }

        assertThat(ranges).containsExactly("(whole object)", "bytes=40000-");
    }

    @Test
    void aMissingBucketStopsTheStartNamingTheBucketAndTheEndpoint() {
        String endpoint = server.endpoint().toString();

        assertThatThrownBy(() -> S3Buckets.open(
                        settings("no-such-bucket", endpoint, S3ProxyServer.CREDENTIAL, false), staging()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-bucket")
                .hasMessageContaining(endpoint)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("TOLLGATE_S3_CREATE_BUCKET");
    }

    @Test
    void aMissingBucketIsCreatedWhenAskedTo() throws IOException {
        try (S3MediaStore created = S3Buckets.open(
                settings("created-at-start", server.endpoint().toString(), S3ProxyServer.CREDENTIAL, true),
                staging())) {
            Path staged = created.stagingFile();
            Files.writeString(staged, "first object");
            created.put("FirstObjectFirstObjectFi.png", staged);
        }

        assertThat(server.keys("created-at-start")).containsExactly("tollgate/media/FirstObjectFirstObjectFi.png");
    }

    @Test
    void aWrongSecretStopsTheStartWithoutShowingIt() {
        assertThatThrownBy(() -> S3Buckets.open(
                        settings(bucket, server.endpoint().toString(), "wrong-secret-4711", false), staging()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(bucket)
                .hasMessageContaining("refuses these credentials")
                .satisfies(e -> assertThat(chain(e)).doesNotContain("wrong-secret-4711"));
    }

    @Test
    void anEndpointNobodyListensOnStopsTheStart() throws IOException {
        String nowhere = "http://127.0.0.1:" + PackagedApp.freePort();

        assertThatThrownBy(() -> S3Buckets.open(settings(bucket, nowhere, S3ProxyServer.CREDENTIAL, false), staging()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(bucket)
                .hasMessageContaining(nowhere)
                .hasMessageContaining("cannot be reached");
    }

    private MediaStaging staging() throws IOException {
        return new MediaStaging(mediaDirectory.resolve(".staging"), Clock.systemUTC());
    }

    private static MediaProperties.S3 settings(String bucket, String endpoint, String secret, boolean createBucket) {
        return new MediaProperties.S3(
                bucket,
                endpoint,
                "us-east-1",
                S3ProxyServer.IDENTITY,
                secret,
                true,
                "/tollgate/media/",
                createBucket,
                16);
    }

    private static String chain(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            messages.append(cause).append('\n');
        }
        return messages.toString();
    }
}
