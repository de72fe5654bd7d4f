package dev.tollgate.provider.bedrock;

import dev.tollgate.provider.FinishReason;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;

/** Converse's stop reasons in the gateway's terms, and which stop sequence ended the reply when it can be told. */
final class StopReasons {

    private StopReasons() {}

    static FinishReason finishReason(MessageStopEvent stop) {
        if (stop.stopReason() == null) {
            return FinishReason.END_TURN;
        }
        return switch (stop.stopReason()) {
            case TOOL_USE -> FinishReason.TOOL_USE;
            case MAX_TOKENS, MODEL_CONTEXT_WINDOW_EXCEEDED -> FinishReason.MAX_TOKENS;
            case STOP_SEQUENCE -> FinishReason.STOP_SEQUENCE;
            // guardrail_intervened, content_filtered, malformed output: the reply is over, as if the model had ended it
            default -> FinishReason.END_TURN;
        };
    }

    /**
     * The stop sequence that ended the reply: Converse does not name it, but Claude's {@code stop_sequence} may come in
     * the additional response fields; otherwise it is known only when the request had just one.
     */
    static @Nullable String stopSequence(MessageStopEvent stop, List<String> requested) {
        if (finishReason(stop) != FinishReason.STOP_SEQUENCE) {
            return null;
        }
        Document extra = stop.additionalModelResponseFields();
        if (extra != null && extra.isMap()) {
            Document named = extra.asMap().get("stop_sequence");
            if (named != null && named.isString()) {
                return named.asString();
            }
        }
        return requested.size() == 1 ? requested.getFirst() : null;
    }
}
