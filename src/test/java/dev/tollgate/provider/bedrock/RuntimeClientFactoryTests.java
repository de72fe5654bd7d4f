package dev.tollgate.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.provider.channel.ChannelConfig;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelSecret;
import dev.tollgate.provider.tokens.JtokkitTokenCounter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** How a channel's configuration becomes an SDK client: endpoint, region and credentials. */
class RuntimeClientFactoryTests {

    @Test
    void awsOwnEndpointForTheRegionIsLeftToTheSdk() {
        ChannelConfig standard = config("https://bedrock-runtime.eu-west-1.amazonaws.com", "eu-west-1", "AKIA:s");

        assertThat(RuntimeClientFactory.endpointOverride(standard, Region.EU_WEST_1))
                .isEmpty();
    }

    @Test
    void anyOtherBaseUrlOverridesTheEndpoint() {
        ChannelConfig vpc =
                config("https://vpce-0abc-bedrock-runtime.eu-west-1.vpce.amazonaws.com", "eu-west-1", "AKIA:s");
        ChannelConfig otherRegion = config("https://bedrock-runtime.us-west-2.amazonaws.com", "eu-west-1", "AKIA:s");

        assertThat(RuntimeClientFactory.endpointOverride(vpc, Region.EU_WEST_1))
                .contains(URI.create("https://vpce-0abc-bedrock-runtime.eu-west-1.vpce.amazonaws.com"));
        assertThat(RuntimeClientFactory.endpointOverride(otherRegion, Region.EU_WEST_1))
                .as("the URL says where to go even when it names another region")
                .isPresent();
    }

    @Test
    void aChannelWithoutRegionIsRefusedClearly() {
        ChannelConfig noRegion = config("https://bedrock-runtime.us-east-1.amazonaws.com", null, "AKIA:s");

        assertThatThrownBy(() -> new BedrockChannel(noRegion, new JtokkitTokenCounter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("region")
                .hasMessageContaining("bedrock-test");
    }

    @Test
    void aMalformedSecretIsRefusedWithoutShowingIt() {
        ChannelConfig oneField = config("https://bedrock-runtime.us-east-1.amazonaws.com", "us-east-1", "onlyOnePart");

        assertThatThrownBy(() -> new BedrockChannel(oneField, new JtokkitTokenCounter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accessKeyId:secretAccessKey")
                .hasMessageNotContaining("onlyOnePart");
    }

    @Test
    void theChannelIsNamedAfterItsConfiguration() {
        ChannelConfig config = config("https://bedrock-runtime.us-east-1.amazonaws.com", "us-east-1", "AKIA:s");

        try (BedrockChannel channel = new BedrockChannel(config, new JtokkitTokenCounter())) {
            assertThat(channel.channelName()).isEqualTo("bedrock-test");
        }
    }

    private static ChannelConfig config(String baseUrl, @Nullable String region, String secret) {
        return new ChannelConfig(
                "bedrock-test",
                ChannelKind.BEDROCK,
                URI.create(baseUrl),
                new ChannelSecret(secret),
                region,
                Map.of(),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1));
    }
}
