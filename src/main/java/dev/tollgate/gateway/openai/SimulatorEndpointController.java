package dev.tollgate.gateway.openai;

import dev.tollgate.gateway.wire.CollectedReply;
import dev.tollgate.gateway.wire.SseStream;
import dev.tollgate.gateway.wire.WholeReply;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatRouter;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator alone behind an OpenAI-compatible endpoint: no key, no billing, no usage. Benchmarks load it next to
 * {@code /v1/chat/completions} to measure what the gateway itself adds. Off unless
 * {@code tollgate.simulator.http-endpoint=true}; never enable it where the port is reachable by others.
 */
@RestController
@ConditionalOnBooleanProperty("tollgate.simulator.http-endpoint")
class SimulatorEndpointController {

    private final ChatRouter router;
    private final OpenAiChatParser parser;
    private final JsonMapper json;
    private final Clock clock;

    SimulatorEndpointController(ChatRouter router, JsonMapper json, Clock clock) {
        this.router = router;
        this.parser = new OpenAiChatParser(json);
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/simulator/v1/chat/completions")
    void complete(@RequestBody JsonNode body, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        OpenAiChatParser.Parsed parsed = parser.parse(body, "simulator-endpoint", Map.of());
        String id = OpenAiWire.completionId(RequestIds.of(request));
        String model = parsed.request().model().value();
        long created = clock.instant().getEpochSecond();
        try (ChatStream stream = router.openOnSimulator(parsed.request())) {
            if (parsed.stream()) {
                OpenAiStreamWriter writer = new OpenAiStreamWriter(
                        json, new SseStream(response, json), id, model, created, parsed.includeUsage());
                // the simulator paces its events, so each is sent as it comes
                while (stream.hasNext()) {
                    writer.onEvent(stream.next());
                    writer.flush();
                }
                return;
            }
            CollectedReply reply = new CollectedReply();
            stream.forEachRemaining((ChatEvent event) -> reply.onEvent(event));
            WholeReply.write(response, json, OpenAiCompletionBody.of(id, model, created, reply));
        }
    }
}
