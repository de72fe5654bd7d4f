package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.provider.TokenCounter;
import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.support.Actors;
import dev.tollgate.support.AnthropicClients;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestChannels;
import dev.tollgate.support.UpstreamReplies;
import dev.tollgate.support.UpstreamStandIn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The gateway counts a prompt's tokens only where something needs the count (decision 0060). A call whose hold the
 * credit covers at the prompt's upper bound, through an upstream that reports its usage, counts nothing; an Anthropic
 * stream, whose {@code message_start} tells the input tokens before the upstream has, counts the prompt once. The
 * real counter is watched, not replaced; the calls come through the official OpenAI and Anthropic SDKs.
 */
@IntegrationTest
class PromptCountingTests {

    private static final String MODEL = "aws/glm-5";

    @LocalServerPort
    int port;

    @Autowired
    ChannelService channelService;

    @Autowired
    Actors actors;

    @MockitoSpyBean
    TokenCounter tokens;

    private UpstreamStandIn upstream;
    private TestChannels channels;
    private FundedTeam team;

    @BeforeEach
    void upstreamBehindAChannel() {
        upstream = new UpstreamStandIn();
        channels = new TestChannels(channelService, actors);
        channels.addOpenAiCompatible("prompt-counting", upstream, Map.of(MODEL, "glm"));
        upstream.on("POST", "/v1/chat/completions", UpstreamReplies.openAiText("Tides rise.", 12, 3));
        team = FundedTeam.create(port, "Prompt counting", "5.00");
    }

    @AfterEach
    void removeChannel() {
        channels.removeAll();
        upstream.close();
    }

    @Test
    void aCallWhoseCreditCoversTheBoundThroughAnUpstreamReportingUsageCountsNoPrompt() {
        ChatCompletion reply = team.client()
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(MODEL)
                        .addUserMessage("Tell me about tides")
                        .build());

        assertThat(reply.choices().getFirst().message().content()).contains("Tides rise.");
        assertThat(reply.usage().orElseThrow().promptTokens())
                .as("the upstream's count")
                .isEqualTo(12);
        verify(tokens).promptUpperBound(any());
        verify(tokens, never()).countPrompt(any());
    }

    @Test
    void anAnthropicStreamCountsThePromptOnceToTellItsInputTokensAtTheStart() {
        List<RawMessageStreamEvent> events;
        try (StreamResponse<RawMessageStreamEvent> stream = AnthropicClients.forKey(port, team.key())
                .messages()
                .createStreaming(MessageCreateParams.builder()
                        .model(MODEL)
                        .maxTokens(60)
                        .addUserMessage("Tell me about tides")
                        .build())) {
            events = stream.stream().toList();
        }

        assertThat(events.getFirst().asMessageStart().message().usage().inputTokens())
                .as("message_start tells the input tokens before the upstream has")
                .isPositive();
        verify(tokens, times(1)).countPrompt(any());
    }
}
