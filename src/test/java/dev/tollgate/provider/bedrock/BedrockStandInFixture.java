package dev.tollgate.provider.bedrock;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.provider.channel.ChannelConfig;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelSecret;
import dev.tollgate.provider.tokens.JtokkitTokenCounter;
import dev.tollgate.support.UpstreamStandIn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A Bedrock channel pointed at a stand-in speaking ConverseStream, for the adapter's tests. */
abstract class BedrockStandInFixture {

    static final ModelId MODEL = new ModelId("aws/claude-sonnet");
    static final String UPSTREAM_MODEL = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    static final String PATH = "/model/" + UPSTREAM_MODEL + "/converse-stream";
    static final String ACCESS_KEY_ID = "AKIACHANNELKEY000001";

    final JtokkitTokenCounter tokens = new JtokkitTokenCounter();
    UpstreamStandIn standIn;
    BedrockChannel channel;

    @BeforeEach
    void startStandIn() {
        standIn = new UpstreamStandIn();
        channel = new BedrockChannel(config(ACCESS_KEY_ID + ":channelSecretAccessKey"), tokens);
    }

    @AfterEach
    void stopStandIn() {
        channel.close();
        standIn.close();
    }

    ChannelConfig config(String secret) {
        return new ChannelConfig(
                "bedrock-east",
                ChannelKind.BEDROCK,
                standIn.baseUrl(""),
                new ChannelSecret(secret),
                "us-east-1",
                Map.of(MODEL.value(), UPSTREAM_MODEL, "aws/claude-profile", PROFILE_ARN),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5));
    }

    static final String PROFILE_ARN =
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0";

    static ChatRequest ask(String question) {
        return new ChatRequest(
                MODEL,
                List.of(),
                List.of(ChatMessage.user(question)),
                List.of(),
                ToolChoice.AUTO,
                256,
                null,
                List.of(),
                false,
                "team-1");
    }

    static List<ChatEvent> drain(ChatStream stream) {
        List<ChatEvent> events = new ArrayList<>();
        try (stream) {
            stream.forEachRemaining(events::add);
        }
        return events;
    }
}
