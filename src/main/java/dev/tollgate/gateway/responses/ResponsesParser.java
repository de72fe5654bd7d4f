package dev.tollgate.gateway.responses;

import static dev.tollgate.gateway.wire.RequestFields.invalid;

import dev.tollgate.caller.Dialect;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.gateway.wire.RequestFields;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.RequestExtras;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.provider.ToolDefinition;
import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a {@code POST /v1/responses} body into the chat core's {@link ChatRequest}, or a 400 naming the field that is
 * wrong. The fields Chat Completions also has travel as its equivalents ({@code text.format} as {@code
 * response_format}, {@code reasoning.effort} as {@code reasoning_effort}, …) in extras of the OpenAI dialect, so every
 * channel translates or refuses them by the rules it already has; the whole body goes along for channels that speak
 * Responses themselves.
 */
final class ResponsesParser {

    /** The fields read here; every other top-level field travels with the request as sent. */
    static final Set<String> MODELLED = Set.of(
            "model",
            "input",
            "instructions",
            "stream",
            "stream_options",
            "store",
            "previous_response_id",
            "include",
            "metadata",
            "tools",
            "tool_choice",
            "parallel_tool_calls",
            "max_output_tokens",
            "temperature",
            "top_p",
            "text",
            "reasoning",
            "truncation",
            "user",
            "background",
            "conversation",
            "prompt",
            "client_metadata");

    private static final Set<String> EFFORTS = Set.of("none", "minimal", "low", "medium", "high", "xhigh");
    private static final Set<String> SUMMARIES = Set.of("auto", "concise", "detailed");
    private static final Set<String> VERBOSITIES = Set.of("low", "medium", "high");
    private static final String ENCRYPTED_REASONING = "reasoning.encrypted_content";

    private final JsonMapper json;

    ResponsesParser(JsonMapper json) {
        this.json = json;
    }

    /**
     * @param earlier the items of the stored conversation {@code previous_response_id} continues, oldest first (empty
     *     without one)
     */
    ResponsesRequest parse(
            JsonNode body, String cacheScope, Map<String, List<String>> betaHeaders, List<ObjectNode> earlier) {
        RequestFields.requireObject(body);
        String model = RequestFields.requireString(body, "model", "model");
        ModelId modelId = ModelId.tryParse(model)
                .orElseThrow(() -> new ApiException(
                        ApiError.notFound("model_not_found", "The model '" + model + "' does not exist.")));
        refuseWhatIsNotServed(body);
        Integer maxOutput = RequestFields.optionalPositiveInt(body, "max_output_tokens", "max_output_tokens");
        Double temperature = RequestFields.optionalNumber(body, "temperature", "temperature", 0, 2);
        RequestFields.optionalNumber(body, "top_p", "top_p", 0, 1);
        RequestFields.optionalFlag(body, "parallel_tool_calls", "parallel_tool_calls");
        String user = RequestFields.optionalString(body, "user", "user");
        String instructions = RequestFields.optionalString(body, "instructions", "instructions");
        String truncation = oneOf(body, "truncation", Set.of("auto", "disabled"), "truncation");
        Boolean store = RequestFields.optionalFlag(body, "store", "store");
        boolean stream = RequestFields.optionalBoolean(body, "stream", "stream");
        String previous = RequestFields.optionalString(body, "previous_response_id", "previous_response_id");
        JsonNode metadata = metadata(body);
        clientMetadata(body);
        boolean encryptedReasoning = includes(body).contains(ENCRYPTED_REASONING);

        InputItems input = new InputItems();
        if (instructions != null) {
            input.instructions(instructions);
        }
        for (int i = 0; i < earlier.size(); i++) {
            input.read(earlier.get(i), "previous_response_id");
        }
        List<ObjectNode> own = ownItems(body);
        for (int i = 0; i < own.size(); i++) {
            input.read(own.get(i), "input[" + i + "]");
        }
        if (input.messages().isEmpty()) {
            throw invalid("input must contain at least one user or assistant message.", "input");
        }

        Tools tools = tools(body);
        ToolChoice toolChoice = toolChoice(body);
        toolChoice.conflictWith(tools.functions()).ifPresent(conflict -> {
            throw invalid("tool_choice " + conflict + ".", "tool_choice");
        });
        ObjectNode expanded = expandedBody(body, earlier, own);
        ChatRequest request = new ChatRequest(
                modelId,
                input.system(),
                input.messages(),
                tools.functions(),
                toolChoice,
                maxOutput == null ? Integer.MAX_VALUE : maxOutput,
                temperature,
                List.of(),
                true,
                cacheScope,
                new RequestExtras(Dialect.OPENAI, chatEquivalents(body), betaHeaders, expanded));
        ObjectNode echo = new ResponseEcho(json)
                .of(body, instructions, metadata, store == null || store, truncation, user, previous);
        return new ResponsesRequest(
                request,
                maxOutput != null,
                stream,
                store == null || store,
                previous,
                encryptedReasoning,
                tools.omitted(),
                own,
                echo);
    }

    /** The request as the chat core counts its prompt ({@code input_tokens}): the same reading, nothing held. */
    ChatRequest parseForCounting(JsonNode body, String cacheScope, List<ObjectNode> earlier) {
        return parse(body, cacheScope, Map.of(), earlier).request();
    }

    /** What the Responses API offers that this server has no part for is refused by name, not quietly ignored. */
    private static void refuseWhatIsNotServed(JsonNode body) {
        if (RequestFields.optionalBoolean(body, "background", "background")) {
            throw invalid(
                    "background responses are not supported here; send the request without background.", "background");
        }
        if (present(body, "conversation")) {
            throw invalid(
                    "conversation objects are not supported here; continue a stored response with"
                            + " previous_response_id instead.",
                    "conversation");
        }
        if (present(body, "prompt")) {
            throw invalid(
                    "reusable prompts are not supported here; send the instructions and input themselves.", "prompt");
        }
    }

    private static boolean present(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && !value.isNull();
    }

    private List<ObjectNode> ownItems(JsonNode body) {
        JsonNode input = body.get("input");
        if (input == null || input.isNull()) {
            throw invalid("input is required.", "input");
        }
        if (input.isString()) {
            ObjectNode message = json.createObjectNode().put("type", "message").put("role", "user");
            message.putArray("content").addObject().put("type", "input_text").put("text", input.stringValue());
            return List.of(message);
        }
        if (!input.isArray()) {
            throw invalid("input must be a string or an array of input items.", "input");
        }
        List<ObjectNode> items = new ArrayList<>();
        int i = 0;
        for (JsonNode item : input) {
            if (!(item instanceof ObjectNode object)) {
                throw invalid("input[" + i + "] must be an object.", "input[" + i + "]");
            }
            items.add(object);
            i++;
        }
        return items;
    }

    /**
     * The body a channel that speaks Responses receives: as sent, with the stored conversation written out ahead of the
     * new input, since the upstream never sees the gateway's response ids.
     */
    private ObjectNode expandedBody(JsonNode body, List<ObjectNode> earlier, List<ObjectNode> own) {
        ObjectNode copy = (ObjectNode) body.deepCopy();
        if (!earlier.isEmpty()) {
            ArrayNode input = json.createArrayNode();
            earlier.forEach(input::add);
            own.forEach(input::add);
            copy.set("input", input);
        }
        copy.remove("previous_response_id");
        return copy;
    }

    /** The Chat Completions equivalents, then whatever else was sent, as sent. */
    private static Map<String, JsonNode> chatEquivalents(JsonNode body) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (String same : List.of("top_p", "parallel_tool_calls", "user")) {
            JsonNode value = body.get(same);
            if (value != null && !value.isNull()) {
                fields.put(same, value);
            }
        }
        JsonNode text = body.get("text");
        if (text != null && !text.isNull()) {
            if (!text.isObject()) {
                throw invalid("text must be an object.", "text");
            }
            JsonNode format = text.get("format");
            if (format != null && !format.isNull()) {
                fields.put("response_format", TextFormat.responseFormat(format));
            }
            String verbosity = oneOf(text, "verbosity", VERBOSITIES, "text.verbosity");
            if (verbosity != null) {
                fields.put("verbosity", text.get("verbosity"));
            }
        }
        JsonNode reasoning = body.get("reasoning");
        if (reasoning != null && !reasoning.isNull()) {
            if (!reasoning.isObject()) {
                throw invalid("reasoning must be an object.", "reasoning");
            }
            if (oneOf(reasoning, "effort", EFFORTS, "reasoning.effort") != null) {
                fields.put("reasoning_effort", reasoning.get("effort"));
            }
            // a summary is the thinking itself here (see ResponseItems), so there is nothing to ask an upstream for
            oneOf(reasoning, "summary", SUMMARIES, "reasoning.summary");
            oneOf(reasoning, "generate_summary", SUMMARIES, "reasoning.generate_summary");
        }
        fields.putAll(RequestFields.unmodelled(body, MODELLED));
        return fields;
    }

    private static @Nullable String oneOf(JsonNode parent, String field, Set<String> allowed, String path) {
        String value = RequestFields.optionalString(parent, field, path);
        if (value != null && !allowed.contains(value)) {
            throw invalid(
                    path + " must be one of "
                            + String.join(", ", allowed.stream().sorted().toList()) + "; got '" + value + "'.",
                    path);
        }
        return value;
    }

    private static Set<String> includes(JsonNode body) {
        Set<String> include = new LinkedHashSet<>();
        int i = 0;
        for (JsonNode value : RequestFields.optionalArray(body, "include", "include")) {
            if (!value.isString()) {
                throw invalid("include[" + i + "] must be a string.", "include[" + i + "]");
            }
            include.add(value.stringValue());
            i++;
        }
        return include;
    }

    /** Up to 16 string values under keys of up to 64 characters, as OpenAI keeps them. */
    private static @Nullable JsonNode metadata(JsonNode body) {
        JsonNode metadata = body.get("metadata");
        if (metadata == null || metadata.isNull()) {
            return null;
        }
        if (!metadata.isObject() || metadata.size() > 16) {
            throw invalid("metadata must be an object of at most 16 string values.", "metadata");
        }
        for (Map.Entry<String, JsonNode> entry : metadata.properties()) {
            if (entry.getKey().length() > 64
                    || !entry.getValue().isString()
                    || entry.getValue().stringValue().length() > 512) {
                throw invalid(
                        "metadata." + entry.getKey() + " must be a string of at most 512 characters under a key"
                                + " of at most 64.",
                        "metadata." + entry.getKey());
            }
        }
        return metadata;
    }

    /**
     * What a client tells about itself for its own telemetry (Codex sends its ids and sandbox mode), not a request to
     * the model: like {@code metadata} it stays at the door for translated upstreams, and a channel that speaks
     * Responses gets it with the body as sent.
     */
    private static void clientMetadata(JsonNode body) {
        JsonNode clientMetadata = body.get("client_metadata");
        if (clientMetadata != null && !clientMetadata.isNull() && !clientMetadata.isObject()) {
            throw invalid("client_metadata must be an object.", "client_metadata");
        }
    }

    /** Function tools, and the types of the hosted tools left out. */
    private record Tools(List<ToolDefinition> functions, List<String> omitted) {}

    private Tools tools(JsonNode body) {
        List<ToolDefinition> functions = new ArrayList<>();
        Set<String> omitted = new LinkedHashSet<>();
        int i = 0;
        for (JsonNode tool : RequestFields.optionalArray(body, "tools", "tools")) {
            String path = "tools[" + i++ + "]";
            if (!tool.isObject()) {
                throw invalid(path + " must be an object.", path);
            }
            String type = RequestFields.requireString(tool, "type", path + ".type");
            if (!"function".equals(type)) {
                omitted.add(type);
                continue;
            }
            JsonNode parameters = tool.get("parameters");
            if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
                throw invalid(path + ".parameters must be a JSON Schema object.", path + ".parameters");
            }
            functions.add(new ToolDefinition(
                    RequestFields.requireString(tool, "name", path + ".name"),
                    RequestFields.optionalString(tool, "description", path + ".description"),
                    parameters == null || parameters.isNull() ? emptySchema() : parameters,
                    false,
                    RequestFields.optionalFlag(tool, "strict", path + ".strict")));
        }
        return new Tools(functions, List.copyOf(omitted));
    }

    private static ToolChoice toolChoice(JsonNode body) {
        JsonNode choice = body.get("tool_choice");
        if (choice == null || choice.isNull()) {
            return ToolChoice.AUTO;
        }
        if (choice.isString()) {
            return switch (choice.stringValue()) {
                case "none" -> ToolChoice.NONE;
                case "auto" -> ToolChoice.AUTO;
                case "required" -> ToolChoice.REQUIRED;
                default -> throw invalid("tool_choice must be none, auto, required or a function.", "tool_choice");
            };
        }
        if (!choice.isObject()) {
            throw invalid("tool_choice must be none, auto, required or {\"type\":\"function\",...}.", "tool_choice");
        }
        String type = RequestFields.requireString(choice, "type", "tool_choice.type");
        if (!"function".equals(type)) {
            throw invalid(
                    "tool_choice.type '" + type + "' cannot be honoured: this server runs no hosted tools and"
                            + " takes only none, auto, required or a function.",
                    "tool_choice.type");
        }
        return ToolChoice.named(RequestFields.requireString(choice, "name", "tool_choice.name"));
    }

    private JsonNode emptySchema() {
        return json.createObjectNode().put("type", "object").set("properties", JsonNodeFactory.instance.objectNode());
    }
}
