package dev.tollgate.provider.bedrock;

import dev.tollgate.provider.channel.ChannelConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/**
 * Builds the SDK client for one Bedrock channel: its region, its endpoint when it is not AWS's own, its credentials,
 * its timeouts, and no retries (routing retries on another channel, and a retried stream would bill twice).
 */
final class RuntimeClientFactory {

    /** Concurrent streams one channel may hold open; the SDK's default of 50 is low for a gateway. */
    private static final int MAX_CONNECTIONS = 256;

    /**
     * One small Netty event loop group for all Bedrock channels: it only moves bytes, and a group of its own per channel
     * would cost threads per channel and two seconds of graceful shutdown whenever a channel is closed. Its threads are
     * daemons and live as long as the application.
     */
    private static final SdkEventLoopGroup EVENT_LOOPS =
            SdkEventLoopGroup.builder().numberOfThreads(2).build();

    private RuntimeClientFactory() {}

    static BedrockRuntimeAsyncClient create(ChannelConfig config) {
        Region region = regionOf(config);
        Duration timeout = config.timeout();
        var http = NettyNioAsyncHttpClient.builder()
                // the SDK defaults Bedrock to HTTP/2 for its bidirectional API; ConverseStream works on HTTP/1.1,
                // which every endpoint (VPC endpoints, proxies, plain-HTTP test stand-ins) speaks
                .protocol(Protocol.HTTP1_1)
                .connectionTimeout(config.connectTimeout())
                // the whole stream may last minutes; a silence longer than the answer timeout means it stalled
                .readTimeout(timeout)
                .connectionAcquisitionTimeout(timeout)
                .maxConcurrency(MAX_CONNECTIONS)
                .eventLoopGroup(EVENT_LOOPS);
        var builder = BedrockRuntimeAsyncClient.builder()
                .region(region)
                .credentialsProvider(credentials(config))
                .httpClientBuilder(http)
                // no apiCallTimeout: for a streamed call it would bound the whole reply, not the wait for it
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()));
        endpointOverride(config, region).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static Region regionOf(ChannelConfig config) {
        String region = config.region();
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException(
                    "Bedrock channel '" + config.name() + "' needs a region (e.g. us-east-1)");
        }
        return Region.of(region.strip());
    }

    /** The base URL, unless it is AWS's own endpoint for the region, which the SDK resolves by itself. */
    static Optional<URI> endpointOverride(ChannelConfig config, Region region) {
        URI base = config.baseUrl();
        String standard = "bedrock-runtime." + region.id() + ".amazonaws.com";
        String path = base.getPath() == null ? "" : base.getPath();
        boolean isStandard = "https".equalsIgnoreCase(base.getScheme())
                && standard.equalsIgnoreCase(base.getHost())
                && base.getPort() == -1
                && (path.isEmpty() || path.equals("/"));
        return isStandard ? Optional.empty() : Optional.of(base);
    }

    /** The channel's {@code accessKeyId:secretAccessKey[:sessionToken]}, or AWS's default chain when it has none. */
    private static AwsCredentialsProvider credentials(ChannelConfig config) {
        Optional<String> secret = config.secretValue();
        if (secret.isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        String[] parts = secret.get().strip().split(":", 3);
        if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank()) {
            // never echo the secret: say only what shape it should have
            throw new IllegalArgumentException("Bedrock channel '" + config.name()
                    + "' has a secret that is not accessKeyId:secretAccessKey[:sessionToken]");
        }
        return StaticCredentialsProvider.create(
                parts.length == 3 && !parts[2].isBlank()
                        ? AwsSessionCredentials.create(parts[0], parts[1], parts[2])
                        : AwsBasicCredentials.create(parts[0], parts[1]));
    }
}
