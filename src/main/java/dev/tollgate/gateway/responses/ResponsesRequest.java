package dev.tollgate.gateway.responses;

import dev.tollgate.provider.ChatRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Responses request as the door reads it: the chat core's request, and what the door answers itself.
 *
 * @param maxTokensChosen false when the caller sent no {@code max_output_tokens}, so the pipeline may fit the cap
 * @param store whether the finished response is kept for {@code previous_response_id} and retrieval
 * @param includeEncryptedReasoning the caller's {@code include} asks for {@code reasoning.encrypted_content}
 * @param omittedTools the types of hosted tools left out of the translated request, in the order sent
 * @param inputItems this request's own input items as sent (a string input as one user message), for storage
 * @param echo the request's settings as the Response object repeats them ({@code instructions}, {@code tools}, …)
 */
record ResponsesRequest(
        ChatRequest request,
        boolean maxTokensChosen,
        boolean stream,
        boolean store,
        @Nullable String previousResponseId,
        boolean includeEncryptedReasoning,
        List<String> omittedTools,
        List<ObjectNode> inputItems,
        ObjectNode echo) {

    ResponsesRequest {
        omittedTools = List.copyOf(omittedTools);
        inputItems = List.copyOf(inputItems);
    }

    String model() {
        return request.model().value();
    }
}
