package dev.tollgate.gateway.responses;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.AuthenticatedKey;
import dev.tollgate.caller.Dialect;
import dev.tollgate.calls.ChatCall;
import dev.tollgate.calls.ChatPipeline;
import dev.tollgate.gateway.wire.BetaHeaders;
import dev.tollgate.gateway.wire.RequestFields;
import dev.tollgate.gateway.wire.SessionHeader;
import dev.tollgate.gateway.wire.SseStream;
import dev.tollgate.gateway.wire.WholeReply;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.RequestExtras;
import dev.tollgate.responses.ResponseStore;
import dev.tollgate.responses.StoredResponse;
import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiErrorWriter;
import dev.tollgate.web.ApiException;
import dev.tollgate.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/responses} (whole or streamed) and {@code POST /v1/responses/input_tokens}, OpenAI's Responses API
 * in front of every channel: the request is read into the chat core's terms at the door and runs through the same
 * pipeline, hold and settlement as chat; a stored conversation it continues is written out ahead of its input.
 */
@RestController
class ResponsesController {

    /** Names the hosted tools a reply was made without, since no translated upstream runs them. */
    static final String OMITTED_TOOLS = "x-tollgate-omitted-tools";

    private final ChatPipeline pipeline;
    private final ResponseStore store;
    private final ResponsesParser parser;
    private final ItemReferences references;
    private final ApiErrorWriter errors;
    private final JsonMapper json;
    private final Clock clock;

    ResponsesController(
            ChatPipeline pipeline, ResponseStore store, ApiErrorWriter errors, JsonMapper json, Clock clock) {
        this.pipeline = pipeline;
        this.store = store;
        this.parser = new ResponsesParser(json);
        this.references = new ItemReferences(store);
        this.errors = errors;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping({"/v1/responses", "/api/v1/responses"})
    void create(
            @AuthenticationPrincipal AuthenticatedKey key,
            @RequestBody JsonNode sent,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        String requestId = RequestIds.of(request);
        JsonNode body = references.resolve(key.teamId(), RequestFields.requireObject(sent));
        Map<String, List<String>> betaHeaders = BetaHeaders.read(request, RequestExtras.OPENAI_BETA);
        ResponsesRequest asked = parser.parse(body, key.teamId().toString(), betaHeaders, earlier(key.teamId(), body));
        requireOutputWithinLimit(key, asked);
        ChatCall call = ChatCall.api(
                requestId,
                key,
                Dialect.RESPONSES,
                SessionHeader.read(request),
                asked.request(),
                asked.maxTokensChosen());
        Instant created = clock.instant();
        ResponseShell shell = new ResponseShell(
                json, ResponseIds.of(requestId), created.getEpochSecond(), asked.model(), asked.echo());
        Runnable nameOmittedTools = () -> {
            if (!asked.omittedTools().isEmpty()) {
                response.setHeader(OMITTED_TOOLS, String.join(", ", asked.omittedTools()));
            }
        };
        if (asked.stream()) {
            SseStream sse = new SseStream(response, json);
            ResponsesReply reply =
                    new ResponsesReply(json, shell, asked.includeEncryptedReasoning(), sse, nameOmittedTools);
            sse.run(
                    () -> ResponsesFieldNames.run(() -> pipeline.execute(call, reply)),
                    failure -> sse.event("error", errors.body(Dialect.RESPONSES, failure.error(), requestId)));
            keep(key.teamId(), asked, reply, created);
            return;
        }
        ResponsesReply reply =
                new ResponsesReply(json, shell, asked.includeEncryptedReasoning(), null, nameOmittedTools);
        ResponsesFieldNames.run(() -> pipeline.execute(call, reply));
        ObjectNode finished = keep(key.teamId(), asked, reply, created);
        if (finished == null) {
            throw new ApiException(ApiError.internal());
        }
        WholeReply.write(response, json, finished);
    }

    @PostMapping({"/v1/responses/input_tokens", "/api/v1/responses/input_tokens"})
    Map<String, Object> inputTokens(@AuthenticationPrincipal AuthenticatedKey key, @RequestBody JsonNode sent) {
        JsonNode body = references.resolve(key.teamId(), RequestFields.requireObject(sent));
        ChatRequest request = parser.parseForCounting(body, key.teamId().toString(), earlier(key.teamId(), body));
        pipeline.authorize(key, request.model().value());
        return Map.of("object", "response.input_tokens", "input_tokens", pipeline.countPromptTokens(request));
    }

    /**
     * The pipeline refuses an output cap beyond the model's limit too, but names Chat Completions' field; a Responses
     * caller is told about the field it sent.
     */
    private void requireOutputWithinLimit(AuthenticatedKey key, ResponsesRequest asked) {
        int limit = pipeline.authorize(key, asked.model()).requireMaxOutputTokens();
        int cap = asked.request().maxTokens();
        if (asked.maxTokensChosen() && cap > limit) {
            throw RequestFields.invalid(
                    "max_output_tokens: " + cap + " > " + limit + ", the most output tokens the model '" + asked.model()
                            + "' can give. Ask for " + limit + " or fewer.",
                    "max_output_tokens");
        }
    }

    /** The stored conversation {@code previous_response_id} names, read before anything is held. */
    private List<ObjectNode> earlier(TeamId team, JsonNode body) {
        RequestFields.requireObject(body);
        String previous = RequestFields.optionalString(body, "previous_response_id", "previous_response_id");
        if (previous == null) {
            return List.of();
        }
        return store.conversation(team, previous)
                .orElseThrow(() -> new ApiException(new ApiError(
                        HttpStatus.NOT_FOUND,
                        "invalid_request_error",
                        "previous_response_not_found",
                        "Previous response with id '" + previous + "' not found.",
                        "previous_response_id")));
    }

    private ObjectNode keep(TeamId team, ResponsesRequest asked, ResponsesReply reply, Instant created) {
        ObjectNode finished = reply.finished();
        if (finished != null && asked.store()) {
            store.save(new StoredResponse(
                    finished.path("id").asString(),
                    team,
                    asked.previousResponseId(),
                    asked.model(),
                    asked.inputItems(),
                    finished,
                    created));
        }
        return finished;
    }
}
