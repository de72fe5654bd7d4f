package dev.tollgate.support;

import dev.tollgate.support.UpstreamStandIn.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streamed replies of an upstream that speaks OpenAI's Responses API, event for event as OpenAI streams them (each
 * with its {@code sequence_number}): a reply is scripted item by item (reasoning, text, function calls, a hosted web
 * search) and closed with the terminal event that lists those items and the usage.
 */
public final class ResponsesReplies {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private ResponsesReplies() {}

    /** A reply with this response id from this upstream model, announced by its created and in-progress events. */
    public static Script reply(String responseId, String model) {
        return new Script(responseId, model);
    }

    /** OpenAI's usage object: cached input counted inside {@code input}, reasoning inside {@code output}. */
    public static ObjectNode usage(long input, long cached, long output, long reasoning) {
        ObjectNode usage = JSON.createObjectNode().put("input_tokens", input);
        usage.putObject("input_tokens_details").put("cached_tokens", cached);
        usage.put("output_tokens", output);
        usage.putObject("output_tokens_details").put("reasoning_tokens", reasoning);
        return usage.put("total_tokens", input + output);
    }

    /** The JSON an event's text carries on its {@code data:} line. */
    public static ObjectNode data(String eventText) {
        String data = eventText.substring(eventText.indexOf("data: ") + "data: ".length());
        return (ObjectNode) JSON.readTree(data);
    }

    /** The events of one reply, in order. */
    public static final class Script {

        private final String responseId;
        private final String model;
        private final List<String> events = new ArrayList<>();
        private final ArrayNode output = JSON.createArrayNode();

        private Script(String responseId, String model) {
            this.responseId = responseId;
            this.model = model;
            event(JSON.createObjectNode().put("type", "response.created").set("response", response("in_progress")));
            event(JSON.createObjectNode().put("type", "response.in_progress").set("response", response("in_progress")));
        }

        /** A reasoning item: its summary streamed in pieces, and the encrypted reasoning the upstream hands back. */
        public Script reasoning(String itemId, String encryptedContent, String... summary) {
            int index = output.size();
            ObjectNode item = JSON.createObjectNode().put("id", itemId).put("type", "reasoning");
            item.putArray("summary");
            event(added(index, item.deepCopy()));
            event(JSON.createObjectNode()
                    .put("type", "response.reasoning_summary_part.added")
                    .put("item_id", itemId)
                    .put("output_index", index)
                    .put("summary_index", 0)
                    .set("part", summaryText("")));
            for (String piece : summary) {
                event(JSON.createObjectNode()
                        .put("type", "response.reasoning_summary_text.delta")
                        .put("item_id", itemId)
                        .put("output_index", index)
                        .put("summary_index", 0)
                        .put("delta", piece));
            }
            String whole = String.join("", summary);
            event(JSON.createObjectNode()
                    .put("type", "response.reasoning_summary_text.done")
                    .put("item_id", itemId)
                    .put("output_index", index)
                    .put("summary_index", 0)
                    .put("text", whole));
            event(JSON.createObjectNode()
                    .put("type", "response.reasoning_summary_part.done")
                    .put("item_id", itemId)
                    .put("output_index", index)
                    .put("summary_index", 0)
                    .set("part", summaryText(whole)));
            item.putArray("summary").add(summaryText(whole));
            item.put("encrypted_content", encryptedContent);
            return done(index, item);
        }

        /** An assistant message whose text arrives in these pieces. */
        public Script text(String itemId, String... pieces) {
            int index = output.size();
            ObjectNode item = JSON.createObjectNode()
                    .put("id", itemId)
                    .put("type", "message")
                    .put("status", "in_progress")
                    .put("role", "assistant");
            item.putArray("content");
            event(added(index, item.deepCopy()));
            event(part("response.content_part.added", itemId, index, ""));
            for (String piece : pieces) {
                event(JSON.createObjectNode()
                        .put("type", "response.output_text.delta")
                        .put("item_id", itemId)
                        .put("output_index", index)
                        .put("content_index", 0)
                        .put("delta", piece)
                        .set("logprobs", JSON.createArrayNode()));
            }
            String whole = String.join("", pieces);
            event(JSON.createObjectNode()
                    .put("type", "response.output_text.done")
                    .put("item_id", itemId)
                    .put("output_index", index)
                    .put("content_index", 0)
                    .put("text", whole)
                    .set("logprobs", JSON.createArrayNode()));
            event(part("response.content_part.done", itemId, index, whole));
            item.put("status", "completed");
            item.putArray("content").add(outputText(whole));
            return done(index, item);
        }

        /** A function call whose arguments arrive in these pieces. */
        public Script functionCall(String itemId, String callId, String name, String... arguments) {
            int index = output.size();
            ObjectNode item = JSON.createObjectNode()
                    .put("id", itemId)
                    .put("type", "function_call")
                    .put("status", "in_progress")
                    .put("call_id", callId)
                    .put("name", name)
                    .put("arguments", "");
            event(added(index, item.deepCopy()));
            for (String piece : arguments) {
                event(JSON.createObjectNode()
                        .put("type", "response.function_call_arguments.delta")
                        .put("item_id", itemId)
                        .put("output_index", index)
                        .put("delta", piece));
            }
            String whole = String.join("", arguments);
            event(JSON.createObjectNode()
                    .put("type", "response.function_call_arguments.done")
                    .put("item_id", itemId)
                    .put("output_index", index)
                    .put("name", name)
                    .put("arguments", whole));
            item.put("status", "completed").put("arguments", whole);
            return done(index, item);
        }

        /** A web search the upstream ran itself (a hosted tool), with the query it searched for. */
        public Script webSearch(String itemId, String query) {
            int index = output.size();
            ObjectNode item = JSON.createObjectNode()
                    .put("id", itemId)
                    .put("type", "web_search_call")
                    .put("status", "in_progress");
            event(added(index, item.deepCopy()));
            for (String stage : List.of("in_progress", "searching", "completed")) {
                event(JSON.createObjectNode()
                        .put("type", "response.web_search_call." + stage)
                        .put("item_id", itemId)
                        .put("output_index", index));
            }
            item.put("status", "completed");
            item.putObject("action").put("type", "search").put("query", query);
            return done(index, item);
        }

        /** An event as written here, for a script that goes on in its own way. */
        public Script raw(String eventText) {
            events.add(eventText);
            return this;
        }

        /** The events so far, each an SSE event's text. */
        public List<String> events() {
            return List.copyOf(events);
        }

        /** The reply, ended by {@code response.completed} with this usage ({@code null}: the upstream reports none). */
        public Answer completed(@Nullable ObjectNode usage) {
            ObjectNode response = response("completed");
            response.set("output", output.deepCopy());
            response.set("usage", usage);
            return end(JSON.createObjectNode().put("type", "response.completed").set("response", response));
        }

        /** The reply, ended by {@code response.incomplete} for {@code reason}, with this usage. */
        public Answer incomplete(String reason, ObjectNode usage) {
            ObjectNode response = response("incomplete");
            response.putObject("incomplete_details").put("reason", reason);
            response.set("output", output.deepCopy());
            response.set("usage", usage);
            return end(
                    JSON.createObjectNode().put("type", "response.incomplete").set("response", response));
        }

        /** The reply, ended by {@code response.failed} with this error. */
        public Answer failed(String code, String message) {
            ObjectNode response = response("failed");
            response.putObject("error").put("code", code).put("message", message);
            return end(JSON.createObjectNode().put("type", "response.failed").set("response", response));
        }

        /** The events so far, then nothing: the connection simply ends. */
        public Answer brokenOff() {
            return UpstreamStandIn.Answer.sse(events, Duration.ZERO);
        }

        private Answer end(ObjectNode terminal) {
            event(terminal);
            return Answer.sse(events, Duration.ZERO);
        }

        private ObjectNode response(String status) {
            ObjectNode response = JSON.createObjectNode()
                    .put("id", responseId)
                    .put("object", "response")
                    .put("created_at", 1_767_000_000)
                    .put("status", status)
                    .put("model", model)
                    .put("parallel_tool_calls", true)
                    .put("tool_choice", "auto")
                    .put("store", false);
            response.putArray("output");
            response.putArray("tools");
            response.putNull("error");
            response.putNull("incomplete_details");
            response.putNull("previous_response_id");
            return response;
        }

        private Script done(int index, ObjectNode item) {
            output.add(item);
            event(JSON.createObjectNode()
                    .put("type", "response.output_item.done")
                    .put("output_index", index)
                    .set("item", item.deepCopy()));
            return this;
        }

        private static ObjectNode added(int index, ObjectNode item) {
            return JSON.createObjectNode()
                    .put("type", "response.output_item.added")
                    .put("output_index", index)
                    .set("item", item);
        }

        private static ObjectNode part(String type, String itemId, int index, String text) {
            return JSON.createObjectNode()
                    .put("type", type)
                    .put("item_id", itemId)
                    .put("output_index", index)
                    .put("content_index", 0)
                    .set("part", outputText(text));
        }

        private static ObjectNode outputText(String text) {
            ObjectNode part = JSON.createObjectNode().put("type", "output_text").put("text", text);
            part.putArray("annotations");
            return part;
        }

        private static ObjectNode summaryText(String text) {
            return JSON.createObjectNode().put("type", "summary_text").put("text", text);
        }

        private void event(ObjectNode event) {
            event.put("sequence_number", events.size());
            events.add("event: " + event.get("type").asString() + "\ndata: " + JSON.writeValueAsString(event));
        }
    }
}
