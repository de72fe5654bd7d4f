package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.support.Actors;
import dev.tollgate.support.ChunkedReply;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestChannels;
import dev.tollgate.support.UpstreamStandIn;
import dev.tollgate.support.UpstreamStandIn.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A streamed reply leaves the gateway in as few writes as the upstream's arrive in: events that came together go out
 * together, not one HTTP chunk and one socket write each, and an event never waits in the gateway while the upstream
 * is silent. Read over a bare socket so the chunked framing shows.
 */
@IntegrationTest
class StreamedWritesTests {

    private static final String MODEL = "aws/glm-5";
    private static final int PIECES = 28;
    private static final Pattern CONTENT = Pattern.compile("\"content\":\"([^\"]*)\"");

    @LocalServerPort
    int port;

    @Autowired
    ChannelService channelService;

    @Autowired
    Actors actors;

    UpstreamStandIn upstream;
    TestChannels channels;
    FundedTeam team;

    @BeforeEach
    void upstreamBehindAChannel() {
        upstream = new UpstreamStandIn();
        channels = new TestChannels(channelService, actors);
        channels.addOpenAiCompatible("stream-writes", upstream, Map.of(MODEL, "glm"));
        team = FundedTeam.create(port, "StreamWrites", "5.00");
    }

    @AfterEach
    void removeChannel() {
        channels.removeAll();
        upstream.close();
    }

    @Test
    void aStreamTheUpstreamSentInOneWriteLeavesInAFewChunksAndWhole() throws Exception {
        byte[] whole = String.join("", upstreamEvents()).getBytes(StandardCharsets.UTF_8);
        upstream.on(
                "POST",
                "/v1/chat/completions",
                new Answer(200, Map.of("content-type", "text/event-stream"), List.of(whole), Duration.ZERO));

        ChunkedReply reply = ChunkedReply.post(port, "/v1/chat/completions", team.key(), streamedRequest());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(deltas(reply.body())).as("every delta, in order").isEqualTo(pieces());
        assertThat(reply.body())
                .as("the stream ends as OpenAI's does")
                .contains("\"usage\":{")
                .endsWith("data: [DONE]\n\n");
        assertThat(events(reply.body())).as("the gateway's events").isGreaterThanOrEqualTo(31);
        assertThat(reply.chunks())
                .as("31 events that arrived in one write leave in a few HTTP chunks, not one each")
                .hasSizeLessThanOrEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource({
        "/v1/messages, message_stop",
        "/v1/responses, response.completed",
    })
    void theOtherDialectsLeaveInAFewChunksToo(String path, String lastEvent) throws Exception {
        byte[] whole = String.join("", upstreamEvents()).getBytes(StandardCharsets.UTF_8);
        upstream.on(
                "POST",
                "/v1/chat/completions",
                new Answer(200, Map.of("content-type", "text/event-stream"), List.of(whole), Duration.ZERO));

        ChunkedReply reply = ChunkedReply.post(
                port,
                path,
                team.key(),
                path.equals("/v1/messages")
                        ? "{\"model\":\"" + MODEL + "\",\"max_tokens\":60,\"stream\":true,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about tides\"}]}"
                        : "{\"model\":\"" + MODEL + "\",\"max_output_tokens\":60,\"stream\":true,"
                                + "\"input\":\"Tell me about tides\"}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).as("every delta").contains(pieces()).contains("event: " + lastEvent);
        assertThat(reply.chunks())
                .as("a reply whose upstream events arrived in one write leaves in a few HTTP chunks")
                .hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void eventsAlreadyHereAreSentBeforeTheGatewayWaitsForTheUpstream() throws Exception {
        List<String> events = upstreamEvents();
        // the first two pieces at once, then the rest after a silence
        byte[] firstTwo = String.join("", events.subList(0, 2)).getBytes(StandardCharsets.UTF_8);
        byte[] rest = String.join("", events.subList(2, events.size())).getBytes(StandardCharsets.UTF_8);
        Duration silence = Duration.ofMillis(700);
        upstream.on(
                "POST",
                "/v1/chat/completions",
                new Answer(200, Map.of("content-type", "text/event-stream"), List.of(firstTwo, rest), silence));

        ChunkedReply reply = ChunkedReply.post(port, "/v1/chat/completions", team.key(), streamedRequest());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(deltas(reply.body())).as("every delta, in order").isEqualTo(pieces());
        long done = reply.arrivalOf("[DONE]");
        assertThat(Duration.ofNanos(done - reply.arrivalOf("\"" + piece(0) + "\"")))
                .as("the first token reaches the caller before the upstream's silence ends")
                .isGreaterThan(Duration.ofMillis(400));
        assertThat(Duration.ofNanos(done - reply.arrivalOf("\"" + piece(1) + "\"")))
                .as("the second token, which came with the first, is not held back until the upstream goes on")
                .isGreaterThan(Duration.ofMillis(400));
    }

    @Test
    void anUpstreamEventWithNothingToPassOnDoesNotHoldBackTheOnesBeforeIt() throws Exception {
        String claude = "aws/claude-haiku-4-5";
        try (UpstreamStandIn anthropic = new UpstreamStandIn()) {
            channels.add(
                    "stream-writes-anthropic",
                    ChannelKind.ANTHROPIC,
                    anthropic.baseUrl("/v1"),
                    "sk-ant",
                    Map.of(claude, "haiku"),
                    0);
            // two deltas and a ping at once, then the rest after a silence: the ping gives the caller nothing, and
            // the gateway must not wait behind it with the second delta unsent
            String start = anthropicEvent(
                            "message_start",
                            "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                                    + "\"role\":\"assistant\",\"content\":[],\"model\":\"haiku\",\"stop_reason\":null,"
                                    + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}")
                    + anthropicEvent(
                            "content_block_start",
                            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\","
                                    + "\"text\":\"\"}}")
                    + anthropicDelta(piece(0))
                    + anthropicDelta(piece(1))
                    + anthropicEvent("ping", "{\"type\":\"ping\"}");
            String rest = anthropicDelta(piece(2))
                    + anthropicEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                    + anthropicEvent(
                            "message_delta",
                            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":3}}")
                    + anthropicEvent("message_stop", "{\"type\":\"message_stop\"}");
            anthropic.on(
                    "POST",
                    "/v1/messages",
                    new Answer(
                            200,
                            Map.of("content-type", "text/event-stream"),
                            List.of(start.getBytes(StandardCharsets.UTF_8), rest.getBytes(StandardCharsets.UTF_8)),
                            Duration.ofMillis(700)));

            ChunkedReply reply = ChunkedReply.post(
                    port, "/v1/chat/completions", team.key(), streamedRequest().replace(MODEL, claude));

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(deltas(reply.body())).as("every delta, in order").containsExactly(piece(0), piece(1), piece(2));
            assertThat(Duration.ofNanos(reply.arrivalOf("[DONE]") - reply.arrivalOf("\"" + piece(1) + "\"")))
                    .as("the second delta goes out before the gateway waits for the upstream")
                    .isGreaterThan(Duration.ofMillis(400));
        }
    }

    private static String anthropicDelta(String text) {
        return anthropicEvent(
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text
                        + "\"}}");
    }

    private static String anthropicEvent(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    /** 30 chat.completion.chunk events as the benchmark stub sends them (role with the first piece, 27 more, finish,
     * usage) and [DONE], each with its blank line. */
    private static List<String> upstreamEvents() {
        String head =
                "data: {\"id\":\"chatcmpl-up\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"glm\","
                        + "\"choices\":";
        List<String> events = new ArrayList<>();
        events.add(head + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"" + piece(0)
                + "\"},\"finish_reason\":null}]}\n\n");
        for (int i = 1; i < PIECES; i++) {
            events.add(
                    head + "[{\"index\":0,\"delta\":{\"content\":\"" + piece(i) + "\"},\"finish_reason\":null}]}\n\n");
        }
        events.add(head + "[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        events.add(head + "[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":" + PIECES + ",\"total_tokens\":"
                + (12 + PIECES) + "}}\n\n");
        events.add("data: [DONE]\n\n");
        return events;
    }

    private static String piece(int i) {
        return "tide%02d ".formatted(i);
    }

    private static List<String> pieces() {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < PIECES; i++) {
            pieces.add(piece(i));
        }
        return pieces;
    }

    private static String streamedRequest() {
        return "{\"model\":\"" + MODEL
                + "\",\"max_tokens\":60,\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about tides\"}]}";
    }

    /** The non-empty content deltas of the gateway's chunks, in order. */
    private static List<String> deltas(String body) {
        List<String> deltas = new ArrayList<>();
        Matcher matcher = CONTENT.matcher(body);
        while (matcher.find()) {
            if (!matcher.group(1).isEmpty()) {
                deltas.add(matcher.group(1));
            }
        }
        return deltas;
    }

    private static long events(String body) {
        return body.lines().filter(line -> line.startsWith("data: ")).count();
    }
}
