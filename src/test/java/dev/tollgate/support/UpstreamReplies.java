package dev.tollgate.support;

import dev.tollgate.support.UpstreamStandIn.Answer;
import java.time.Duration;
import java.util.List;

/** Short streamed text replies as the providers document them, for stand-ins behind the whole gateway. */
public final class UpstreamReplies {

    private UpstreamReplies() {}

    /** OpenAI's chat completion chunks for {@code text}, with the usage chunk {@code include_usage} asks for. */
    public static Answer openAiText(String text, int promptTokens, int completionTokens) {
        String chunk = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",";
        return Answer.sse(
                List.of(
                        chunk + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"" + text
                                + "\"},\"finish_reason\":null}]}",
                        chunk + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
                        chunk + "\"choices\":[],\"usage\":{\"prompt_tokens\":" + promptTokens
                                + ",\"completion_tokens\":" + completionTokens + ",\"total_tokens\":"
                                + (promptTokens + completionTokens) + "}}",
                        "data: [DONE]"),
                Duration.ZERO);
    }

    /** Anthropic's Messages stream for {@code text} with the given usage. */
    public static Answer anthropicText(String text, int inputTokens, int outputTokens) {
        return anthropicText(
                text,
                "{\"input_tokens\":" + inputTokens + ",\"output_tokens\":1}",
                "{\"output_tokens\":" + outputTokens + "}");
    }

    /**
     * Anthropic's Messages stream for {@code text}, with {@code startUsage} in {@code message_start} and {@code
     * deltaUsage} in {@code message_delta} (both JSON objects), for usage beyond plain input and output counts.
     */
    public static Answer anthropicText(String text, String startUsage, String deltaUsage) {
        return Answer.sse(
                List.of(
                        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                                + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"up\","
                                + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":" + startUsage + "}}",
                        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text + "\"}}",
                        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}",
                        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                                + "\"end_turn\",\"stop_sequence\":null},\"usage\":" + deltaUsage + "}",
                        "event: message_stop\ndata: {\"type\":\"message_stop\"}"),
                Duration.ZERO);
    }
}
