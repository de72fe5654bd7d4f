package dev.tollgate.gateway.anthropic;

import dev.tollgate.apikey.AuthenticatedKey;
import dev.tollgate.caller.Dialect;
import dev.tollgate.calls.ChatCall;
import dev.tollgate.calls.ChatPipeline;
import dev.tollgate.gateway.wire.BetaHeaders;
import dev.tollgate.gateway.wire.CollectedReply;
import dev.tollgate.gateway.wire.SessionHeader;
import dev.tollgate.gateway.wire.SseStream;
import dev.tollgate.gateway.wire.WholeReply;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.RequestExtras;
import dev.tollgate.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/messages} and {@code /v1/messages/count_tokens} in Anthropic's format. Also answers the doubled
 * {@code /v1/v1/...} path a base URL ending in {@code /v1} produces with the Anthropic SDKs.
 */
@RestController
class MessagesController {

    private final ChatPipeline pipeline;
    private final AnthropicMessagesParser parser;
    private final JsonMapper json;

    MessagesController(ChatPipeline pipeline, JsonMapper json) {
        this.pipeline = pipeline;
        this.parser = new AnthropicMessagesParser(json);
        this.json = json;
    }

    @PostMapping({"/v1/messages", "/api/v1/messages", "/v1/v1/messages"})
    void create(
            @AuthenticationPrincipal AuthenticatedKey key,
            @RequestBody JsonNode body,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        String requestId = RequestIds.of(request);
        AnthropicMessagesParser.Parsed parsed =
                parser.parse(body, key.teamId().toString(), BetaHeaders.read(request, RequestExtras.ANTHROPIC_BETA));
        String model = parsed.request().model().value();
        ChatCall call =
                ChatCall.api(requestId, key, Dialect.ANTHROPIC, SessionHeader.read(request), parsed.request(), true);
        String id = AnthropicWire.messageId(requestId);
        if (parsed.stream()) {
            SseStream sse = new SseStream(response, json);
            sse.run(
                    () -> pipeline.execute(call, new AnthropicStreamWriter(sse, id, model)),
                    failure -> sse.event(
                            "error",
                            Map.of(
                                    "type",
                                    "error",
                                    "error",
                                    Map.of(
                                            "type",
                                            "api_error",
                                            "message",
                                            failure.error().message()))));
            return;
        }
        CollectedReply reply = new CollectedReply();
        pipeline.execute(call, reply);
        WholeReply.write(response, json, AnthropicMessageBody.of(id, model, reply, json));
    }

    @PostMapping({"/v1/messages/count_tokens", "/api/v1/messages/count_tokens", "/v1/v1/messages/count_tokens"})
    Map<String, Object> countTokens(@AuthenticationPrincipal AuthenticatedKey key, @RequestBody JsonNode body) {
        ChatRequest request = parser.parseForCounting(body, key.teamId().toString());
        pipeline.authorize(key, request.model().value());
        return Map.of("input_tokens", pipeline.countPromptTokens(request));
    }
}
