package dev.tollgate.provider.openai;

import java.util.ArrayList;
import java.util.List;

/** {@code chat.completion.chunk} events as OpenAI streams them (recorded shapes, one {@code data:} line each). */
final class Chunks {

    private static final String HEAD =
            "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1735689600,"
                    + "\"model\":\"gpt-upstream-chat\",";

    private Chunks() {}

    static String role() {
        return HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";
    }

    static String text(String text) {
        return HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + quoted(text) + "},"
                + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";
    }

    static String finish(String reason) {
        return HEAD + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"" + reason
                + "\"}],\"usage\":null}";
    }

    static String usage(int prompt, int completion, int cached) {
        return HEAD + "\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
                + ",\"total_tokens\":" + (prompt + completion) + ",\"prompt_tokens_details\":{\"cached_tokens\":"
                + cached + "},\"completion_tokens_details\":{\"reasoning_tokens\":0}}}";
    }

    static String toolCallStart(int index, String id, String name) {
        return HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":"
                + "[{\"index\":" + index + ",\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\""
                + name + "\",\"arguments\":\"\"}}]},\"logprobs\":null,\"finish_reason\":null}]}";
    }

    static String toolCallArguments(int index, String fragment) {
        return HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + index
                + ",\"function\":{\"arguments\":" + quoted(fragment) + "}}]},\"logprobs\":null,"
                + "\"finish_reason\":null}]}";
    }

    static String done() {
        return "data: [DONE]";
    }

    /** A whole reply: role, the texts, the finish reason, usage and [DONE]. */
    static List<String> reply(String finishReason, int prompt, int completion, int cached, String... texts) {
        List<String> events = new ArrayList<>();
        events.add(role());
        for (String text : texts) {
            events.add(text(text));
        }
        events.add(finish(finishReason));
        events.add(usage(prompt, completion, cached));
        events.add(done());
        return events;
    }

    static String quoted(String text) {
        return ChannelFixture.JSON.writeValueAsString(text);
    }
}
