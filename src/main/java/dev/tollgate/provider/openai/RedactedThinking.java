package dev.tollgate.provider.openai;

import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ContentPart;
import dev.tollgate.provider.ThinkingPart;
import dev.tollgate.provider.UnsupportedFieldException;

/**
 * Redacted thinking in the history is Anthropic's encrypted reasoning: an OpenAI-compatible upstream cannot read it and
 * has no field to take it back in, so a request holding one is refused by name rather than sent without it.
 */
final class RedactedThinking {

    private RedactedThinking() {}

    static void refuse(ChatRequest request) {
        for (int i = 0; i < request.messages().size(); i++) {
            ChatMessage message = request.messages().get(i);
            for (int j = 0; j < message.parts().size(); j++) {
                ContentPart part = message.parts().get(j);
                if (part instanceof ThinkingPart thinking && thinking.redacted()) {
                    String field = "messages." + i + ".content." + j;
                    throw new UnsupportedFieldException(
                            field,
                            field + ": a redacted_thinking block cannot be honoured: the upstream serving this model"
                                    + " speaks OpenAI's Chat Completions, which has no equivalent. Remove the block, or"
                                    + " use a model served by Anthropic.");
                }
            }
        }
    }
}
