package dev.tollgate.gateway.anthropic;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.FinishReason;
import dev.tollgate.provider.ThinkingPart;
import java.util.LinkedHashMap;
import java.util.Map;

/** Pieces of Anthropic's Messages wire format shared by the streaming and the whole-body responses. */
final class AnthropicWire {

    private AnthropicWire() {}

    static String stopReason(FinishReason reason) {
        return switch (reason) {
            case END_TURN -> "end_turn";
            case STOP_SEQUENCE -> "stop_sequence";
            case MAX_TOKENS -> "max_tokens";
            case TOOL_USE -> "tool_use";
        };
    }

    /**
     * Anthropic's {@code input_tokens} count only uncached input; cache reads and writes are reported beside it, the
     * writes in all and split by how long their entries last.
     */
    static Map<String, Object> usage(TokenCounts tokens) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("input_tokens", tokens.input());
        usage.put("output_tokens", tokens.output());
        usage.put("cache_creation_input_tokens", tokens.cacheWrites());
        usage.put("cache_read_input_tokens", tokens.cacheRead());
        usage.put(
                "cache_creation",
                Map.of(
                        "ephemeral_5m_input_tokens", tokens.cacheWrite(),
                        "ephemeral_1h_input_tokens", tokens.cacheWrite1h()));
        return usage;
    }

    /** A thinking block as Anthropic writes it: the text and its signature, or a redacted block's data. */
    static Map<String, Object> thinkingBlock(ThinkingPart thinking) {
        Map<String, Object> block = new LinkedHashMap<>();
        if (thinking.redacted()) {
            block.put("type", "redacted_thinking");
            block.put("data", thinking.text());
        } else {
            block.put("type", "thinking");
            block.put("thinking", thinking.text());
            block.put("signature", thinking.signature());
        }
        return block;
    }

    static String messageId(String requestId) {
        return "msg_" + requestId.substring(requestId.indexOf('_') + 1);
    }
}
