package dev.tollgate.provider.openai;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Responses caller's body as an upstream that speaks the Responses API receives it: everything the caller sent, but
 * the model is the channel's id for it, the reply is always streamed (the gateway meters and relays events), and
 * nothing is stored upstream. The gateway keeps the conversation state, so the upstream gets reasoning back encrypted
 * to be handed in again with the next turn, and never a gateway response id.
 */
final class ResponsesRelayBody {

    static final String ENCRYPTED_REASONING = "reasoning.encrypted_content";

    private ResponsesRelayBody() {}

    static ObjectNode of(ObjectNode callerBody, String upstreamModel) {
        ObjectNode body = callerBody.deepCopy();
        body.put("model", upstreamModel);
        body.put("stream", true);
        body.put("store", false);
        // already written out as input items at the door; the id is the gateway's and means nothing upstream
        body.remove("previous_response_id");
        ArrayNode include = body.get("include") instanceof ArrayNode asked ? asked : body.putArray("include");
        if (!contains(include, ENCRYPTED_REASONING)) {
            include.add(ENCRYPTED_REASONING);
        }
        return body;
    }

    private static boolean contains(ArrayNode values, String wanted) {
        for (JsonNode value : values) {
            if (value.isString() && value.asString().equals(wanted)) {
                return true;
            }
        }
        return false;
    }
}
