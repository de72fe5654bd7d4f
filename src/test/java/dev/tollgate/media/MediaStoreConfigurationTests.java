package dev.tollgate.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.TollgateApplication;
import dev.tollgate.support.S3ProxyServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * {@code tollgate.media.store} picks the store at start: the data directory with nothing configured, the bucket with
 * {@code s3}; a setting that cannot work stops the start with a message that says which setting and why.
 */
@ExtendWith(OutputCaptureExtension.class)
class MediaStoreConfigurationTests {

    private static S3ProxyServer server;

    @TempDir
    Path directory;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.shared();
        server.createBucket("configured-media");
    }

    @Test
    void withNothingConfiguredMediaStaysInTheDataDirectory() {
        runner().run(context -> assertThat(context).getBean(MediaStore.class).isInstanceOf(FileSystemMediaStore.class));
    }

    @Test
    void s3WithTheBucketThereStoresInTheBucket() {
        runner().withPropertyValues(s3("configured-media"))
                .run(context -> assertThat(context).getBean(MediaStore.class).isInstanceOf(S3MediaStore.class));
    }

    @Test
    void s3WithoutABucketNamedStopsTheStart() {
        runner().withPropertyValues("tollgate.media.store=s3")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("TOLLGATE_S3_BUCKET"));
    }

    @Test
    void aBucketThatIsNotThereStopsTheStartNamingBucketAndEndpoint() {
        runner().withPropertyValues(s3("nobody-made-this-bucket"))
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("nobody-made-this-bucket")
                        .hasMessageContaining(server.endpoint().toString())
                        .hasMessageContaining("does not exist"));
    }

    @Test
    void aStoreNobodyKnowsStopsTheStart() {
        runner().withPropertyValues("tollgate.media.store=s4")
                .run(context -> assertThat(context).hasFailed().getFailure().hasMessageContaining("tollgate.media"));
    }

    @Test
    void anEndpointWithAPasswordInItStopsTheStartWithoutRepeatingIt() {
        runner().withPropertyValues("tollgate.media.s3.endpoint=http://someone:hunter2@127.0.0.1:9000")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("access-key")
                        .hasMessageNotContaining("hunter2"));
    }

    @Test
    void anAccessKeyWithoutItsSecretStopsTheStart() {
        runner().withPropertyValues("tollgate.media.s3.access-key=someone")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("TOLLGATE_S3_SECRET_KEY"));
    }

    @Test
    void theApplicationDoesNotStartOnAMissingBucketAndSaysWhyWithoutTheSecret(CapturedOutput output) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0"));
        for (String property : s3("bucket-of-a-typo")) {
            arguments.add("--" + property);
        }

        assertThatThrownBy(() -> new SpringApplicationBuilder(TollgateApplication.class)
                        .profiles("test")
                        .run(arguments.toArray(String[]::new))
                        .close())
                .rootCause()
                .hasMessage("The media bucket bucket-of-a-typo at " + server.endpoint()
                        + " does not exist: create it, or set tollgate.media.s3.create-bucket=true"
                        + " (TOLLGATE_S3_CREATE_BUCKET) to have it created at start");
        assertThat(output.getAll()).contains("bucket-of-a-typo").doesNotContain(S3ProxyServer.CREDENTIAL);
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(WithMediaProperties.class, MediaStoreConfiguration.class)
                .withBean(Clock.class, Clock::systemUTC)
                .withPropertyValues("tollgate.media.directory=" + directory);
    }

    private static String[] s3(String bucket) {
        List<String> properties = new ArrayList<>();
        for (Map.Entry<String, String> property : server.properties(bucket).entrySet()) {
            properties.add(property.getKey() + "=" + property.getValue());
        }
        return properties.toArray(String[]::new);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MediaProperties.class)
    static class WithMediaProperties {}
}
