package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.tollgate.provider.TokenCounter;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.support.Actors;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestChannels;
import dev.tollgate.support.UpstreamReplies;
import dev.tollgate.support.UpstreamStandIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * real counter is watched, not replaced.
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

    private final HttpClient http = HttpClient.newHttpClient();
    private UpstreamStandIn upstream;
    private TestChannels channels;
    private FundedTeam team;

    @BeforeEach
    void upstreamBehindAChannel() {
        upstream = new UpstreamStandIn();
        channels = new TestChannels(channelService, actors);
        channels.add(
                "prompt-counting",
                ChannelKind.OPENAI_COMPATIBLE,
                upstream.baseUrl("/v1"),
                "sk-up",
                Map.of(MODEL, "glm"),
                0);
        upstream.on("POST", "/v1/chat/completions", UpstreamReplies.openAiText("Tides rise.", 12, 3));
        team = FundedTeam.create(port, "Prompt counting", "5.00");
    }

    @AfterEach
    void removeChannel() {
        channels.removeAll();
        upstream.close();
    }

    @Test
    void aCallWhoseCreditCoversTheBoundThroughAnUpstreamReportingUsageCountsNoPrompt() throws Exception {
        HttpResponse<String> reply = post(
                "/v1/chat/completions",
                "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about tides\"}]}");

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).contains("Tides rise.").contains("\"prompt_tokens\":12");
        verify(tokens).promptUpperBound(any());
        verify(tokens, never()).countPrompt(any());
    }

    @Test
    void anAnthropicStreamCountsThePromptOnceToTellItsInputTokensAtTheStart() throws Exception {
        HttpResponse<String> reply = post(
                "/v1/messages",
                "{\"model\":\"" + MODEL + "\",\"max_tokens\":60,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about tides\"}]}");

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).contains("event: message_start").contains("\"input_tokens\":");
        verify(tokens, times(1)).countPrompt(any());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + team.key())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
