package dev.tollgate.provider.anthropic;

import dev.tollgate.provider.FinishReason;
import org.jspecify.annotations.Nullable;

/** Anthropic's {@code stop_reason} values in the gateway's terms. */
final class StopReasons {

    private StopReasons() {}

    static FinishReason finishReason(@Nullable String stopReason) {
        if (stopReason == null) {
            return FinishReason.END_TURN;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.MAX_TOKENS;
            case "stop_sequence" -> FinishReason.STOP_SEQUENCE;
            case "tool_use" -> FinishReason.TOOL_USE;
            // end_turn; pause_turn (a server tool's long turn, ended here as the gateway runs none) and refusal
            // (the model declined, its answer is what it said) both end the reply as a finished turn
            default -> FinishReason.END_TURN;
        };
    }
}
