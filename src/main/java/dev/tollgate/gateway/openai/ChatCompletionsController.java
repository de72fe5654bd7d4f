package dev.tollgate.gateway.openai;

import dev.tollgate.apikey.AuthenticatedKey;
import dev.tollgate.caller.Dialect;
import dev.tollgate.calls.ChatCall;
import dev.tollgate.calls.ChatPipeline;
import dev.tollgate.gateway.wire.BetaHeaders;
import dev.tollgate.gateway.wire.CollectedReply;
import dev.tollgate.gateway.wire.SessionHeader;
import dev.tollgate.gateway.wire.SseStream;
import dev.tollgate.gateway.wire.WholeReply;
import dev.tollgate.provider.RequestExtras;
import dev.tollgate.web.ApiErrorWriter;
import dev.tollgate.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /v1/chat/completions} in OpenAI's format, streaming or not. */
@RestController
class ChatCompletionsController {

    private final ChatPipeline pipeline;
    private final OpenAiChatParser parser;
    private final ApiErrorWriter errors;
    private final JsonMapper json;
    private final Clock clock;

    ChatCompletionsController(ChatPipeline pipeline, ApiErrorWriter errors, JsonMapper json, Clock clock) {
        this.pipeline = pipeline;
        this.parser = new OpenAiChatParser(json);
        this.errors = errors;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping({"/v1/chat/completions", "/api/v1/chat/completions"})
    void complete(
            @AuthenticationPrincipal AuthenticatedKey key,
            @RequestBody JsonNode body,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        String requestId = RequestIds.of(request);
        OpenAiChatParser.Parsed parsed =
                parser.parse(body, key.teamId().toString(), BetaHeaders.read(request, RequestExtras.OPENAI_BETA));
        String model = parsed.request().model().value();
        ChatCall call = ChatCall.api(
                requestId,
                key,
                Dialect.OPENAI,
                SessionHeader.read(request),
                parsed.request(),
                parsed.maxTokensChosen());
        String id = OpenAiWire.completionId(requestId);
        long created = clock.instant().getEpochSecond();
        if (parsed.stream()) {
            SseStream sse = new SseStream(response, json);
            sse.run(
                    () -> pipeline.execute(
                            call, new OpenAiStreamWriter(json, sse, id, model, created, parsed.includeUsage())),
                    failure -> sse.data(errors.body(Dialect.OPENAI, failure.error(), requestId)));
            return;
        }
        CollectedReply reply = new CollectedReply();
        pipeline.execute(call, reply);
        WholeReply.write(response, json, OpenAiCompletionBody.of(id, model, created, reply));
    }
}
