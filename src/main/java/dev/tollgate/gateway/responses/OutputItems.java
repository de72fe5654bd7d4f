package dev.tollgate.gateway.responses;

import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.FinishReason;
import dev.tollgate.provider.ThinkingPart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a Response's output items from the chat core's events, and tells each step as the Responses event that
 * streams it: a {@code reasoning} item per thinking block (its text as the summary), a {@code message} per run of text,
 * a {@code function_call} per tool call. Whole and streamed replies are both built here, so they cannot differ.
 */
final class OutputItems {

    private final JsonMapper json;
    private final ResponseShell shell;
    private final boolean encryptedReasoning;
    private final Consumer<ObjectNode> events;
    private final List<ObjectNode> output = new ArrayList<>();
    private int sequence;
    private @Nullable Open open;
    private final Map<Integer, Call> calls = new LinkedHashMap<>();

    /** The reasoning or message item being written. */
    private record Open(boolean reasoning, int outputIndex, String id, StringBuilder text) {}

    /** A function call whose arguments are arriving. */
    private record Call(int outputIndex, String id, String callId, String name, StringBuilder arguments) {}

    /** @param events receives each Responses event, numbered, as the item it belongs to grows */
    OutputItems(JsonMapper json, ResponseShell shell, boolean encryptedReasoning, Consumer<ObjectNode> events) {
        this.json = json;
        this.shell = shell;
        this.encryptedReasoning = encryptedReasoning;
        this.events = events;
    }

    /** {@code response.created} and {@code response.in_progress}, before anything else. */
    void begin() {
        for (String type : List.of("response.created", "response.in_progress")) {
            ObjectNode event = event(type);
            event.set("response", shell.response(ResponseShell.Status.IN_PROGRESS, List.of(), null, 0, null, null));
            events.accept(event);
        }
    }

    void on(ChatEvent event) {
        switch (event) {
            case ChatEvent.ThinkingDelta delta -> {
                Open reasoning = openItem(true);
                reasoning.text().append(delta.text());
                ObjectNode out =
                        itemEvent("response.reasoning_summary_text.delta", reasoning.id(), reasoning.outputIndex());
                out.put("summary_index", 0);
                out.put("delta", delta.text());
                events.accept(out);
            }
            case ChatEvent.ThinkingSigned signed -> {
                Open reasoning = openItem(true);
                closeReasoning(reasoning, ThinkingPart.readable(reasoning.text().toString(), signed.signature()));
            }
            case ChatEvent.RedactedThinking redacted -> {
                closeOpen("completed");
                closeCalls("completed");
                int index = output.size();
                ObjectNode item = reasoningItem(shell.itemId("rs", index), ThinkingPart.redacted(redacted.data()));
                output.add(null);
                itemAdded(index, reasoningItem(item.path("id").asString(), null));
                itemDone(index, item);
            }
            case ChatEvent.TextDelta delta -> {
                Open message = openItem(false);
                message.text().append(delta.text());
                ObjectNode out = itemEvent("response.output_text.delta", message.id(), message.outputIndex());
                out.put("content_index", 0);
                out.put("delta", delta.text());
                out.putArray("logprobs");
                events.accept(out);
            }
            case ChatEvent.ToolCallStarted started -> startCall(started);
            case ChatEvent.ToolCallArgumentsDelta delta -> {
                Call call = calls.get(delta.index());
                if (call != null) {
                    call.arguments().append(delta.jsonFragment());
                    ObjectNode out = itemEvent("response.function_call_arguments.delta", call.id(), call.outputIndex());
                    out.put("delta", delta.jsonFragment());
                    events.accept(out);
                }
            }
            case ChatEvent.Completed _, ChatEvent.Relayed _ -> {}
        }
    }

    /** Closes what is open and tells the end: {@code response.completed}, or {@code response.incomplete} when cut. */
    ObjectNode complete(ChatEvent.Completed completed) {
        boolean cut = completed.finishReason() == FinishReason.MAX_TOKENS;
        String itemStatus = cut ? "incomplete" : "completed";
        closeOpen(itemStatus);
        closeCalls(itemStatus);
        ObjectNode response = shell.response(
                cut ? ResponseShell.Status.INCOMPLETE : ResponseShell.Status.COMPLETED,
                output,
                completed.usage(),
                completed.reasoningTokens(),
                cut ? "max_output_tokens" : null,
                null);
        ObjectNode event = event(cut ? "response.incomplete" : "response.completed");
        event.set("response", response);
        events.accept(event);
        return response;
    }

    /** Closes what is open as incomplete and tells the failure: an {@code error} event, then {@code response.failed}. */
    ObjectNode fail(String message) {
        closeOpen("incomplete");
        closeCalls("incomplete");
        ObjectNode error = event("error");
        error.put("code", "server_error");
        error.put("message", message);
        error.putNull("param");
        events.accept(error);
        ObjectNode response = shell.response(ResponseShell.Status.FAILED, output, null, 0, null, message);
        ObjectNode event = event("response.failed");
        event.set("response", response);
        events.accept(event);
        return response;
    }

    private Open openItem(boolean reasoning) {
        if (open != null && open.reasoning() == reasoning) {
            return open;
        }
        closeOpen("completed");
        closeCalls("completed");
        int index = output.size();
        output.add(null);
        Open item = new Open(reasoning, index, shell.itemId(reasoning ? "rs" : "msg", index), new StringBuilder());
        open = item;
        if (reasoning) {
            itemAdded(index, reasoningItem(item.id(), null));
            ObjectNode part = itemEvent("response.reasoning_summary_part.added", item.id(), index);
            part.put("summary_index", 0);
            part.set("part", summaryText(""));
            events.accept(part);
        } else {
            itemAdded(index, message(item.id(), "in_progress", null));
            ObjectNode part = itemEvent("response.content_part.added", item.id(), index);
            part.put("content_index", 0);
            part.set("part", outputText(""));
            events.accept(part);
        }
        return item;
    }

    private void closeOpen(String status) {
        Open item = open;
        if (item == null) {
            return;
        }
        if (item.reasoning()) {
            // thinking an upstream never signed (OpenAI-compatible reasoning) ends where something else begins
            closeReasoning(item, ThinkingPart.readable(item.text().toString(), ""));
            return;
        }
        open = null;
        String text = item.text().toString();
        ObjectNode done = itemEvent("response.output_text.done", item.id(), item.outputIndex());
        done.put("content_index", 0);
        done.put("text", text);
        done.putArray("logprobs");
        events.accept(done);
        ObjectNode part = itemEvent("response.content_part.done", item.id(), item.outputIndex());
        part.put("content_index", 0);
        part.set("part", outputText(text));
        events.accept(part);
        itemDone(item.outputIndex(), message(item.id(), status, text));
    }

    private void closeReasoning(Open item, ThinkingPart thinking) {
        open = null;
        String text = item.text().toString();
        ObjectNode done = itemEvent("response.reasoning_summary_text.done", item.id(), item.outputIndex());
        done.put("summary_index", 0);
        done.put("text", text);
        events.accept(done);
        ObjectNode part = itemEvent("response.reasoning_summary_part.done", item.id(), item.outputIndex());
        part.put("summary_index", 0);
        part.set("part", summaryText(text));
        events.accept(part);
        itemDone(item.outputIndex(), reasoningItem(item.id(), thinking));
    }

    private void startCall(ChatEvent.ToolCallStarted started) {
        closeOpen("completed");
        int index = output.size();
        output.add(null);
        Call call = new Call(index, shell.itemId("fc", index), started.id(), started.name(), new StringBuilder());
        calls.put(started.index(), call);
        itemAdded(index, functionCall(call, "in_progress", ""));
    }

    private void closeCalls(String status) {
        for (Call call : calls.values()) {
            String arguments =
                    call.arguments().isEmpty() ? "{}" : call.arguments().toString();
            ObjectNode done = itemEvent("response.function_call_arguments.done", call.id(), call.outputIndex());
            done.put("name", call.name());
            done.put("arguments", arguments);
            events.accept(done);
            itemDone(call.outputIndex(), functionCall(call, status, arguments));
        }
        calls.clear();
    }

    private ObjectNode reasoningItem(String id, @Nullable ThinkingPart thinking) {
        ObjectNode item = json.createObjectNode().put("type", "reasoning").put("id", id);
        var summary = item.putArray("summary");
        if (thinking != null && !thinking.redacted() && !thinking.text().isEmpty()) {
            summary.add(summaryText(thinking.text()));
        }
        if (thinking != null
                && encryptedReasoning
                && (thinking.redacted() || !thinking.signature().isEmpty())) {
            item.put("encrypted_content", EncryptedReasoning.of(thinking));
        }
        return item;
    }

    private ObjectNode message(String id, String status, @Nullable String text) {
        ObjectNode item = json.createObjectNode()
                .put("type", "message")
                .put("id", id)
                .put("status", status)
                .put("role", "assistant");
        var content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        return item;
    }

    private ObjectNode functionCall(Call call, String status, String arguments) {
        return json.createObjectNode()
                .put("type", "function_call")
                .put("id", call.id())
                .put("call_id", call.callId())
                .put("name", call.name())
                .put("arguments", arguments)
                .put("status", status);
    }

    private ObjectNode outputText(String text) {
        ObjectNode part = json.createObjectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    private ObjectNode summaryText(String text) {
        return json.createObjectNode().put("type", "summary_text").put("text", text);
    }

    private void itemAdded(int index, ObjectNode item) {
        ObjectNode event = event("response.output_item.added");
        event.put("output_index", index);
        event.set("item", item);
        events.accept(event);
    }

    private void itemDone(int index, ObjectNode item) {
        output.set(index, item);
        ObjectNode event = event("response.output_item.done");
        event.put("output_index", index);
        event.set("item", item);
        events.accept(event);
    }

    private ObjectNode itemEvent(String type, String itemId, int outputIndex) {
        ObjectNode event = event(type);
        event.put("item_id", itemId);
        event.put("output_index", outputIndex);
        return event;
    }

    private ObjectNode event(String type) {
        return json.createObjectNode().put("type", type).put("sequence_number", sequence++);
    }
}
