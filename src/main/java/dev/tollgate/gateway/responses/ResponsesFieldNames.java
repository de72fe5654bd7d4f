package dev.tollgate.gateway.responses;

import dev.tollgate.calls.CallRefusedException;
import dev.tollgate.calls.Refusal;
import java.util.List;
import java.util.Map;

/**
 * A field a channel refuses is named as the Responses caller sent it. The request travels through the chat core with
 * Chat Completions' names for some fields ({@code text.format} as {@code response_format}, …), and a refusal in those
 * names would point at a field the caller never wrote.
 */
final class ResponsesFieldNames {

    /** Chat Completions' name (or path prefix) and the Responses name it stands for, longest prefix first. */
    private static final List<Map.Entry<String, String>> AS_SENT = List.of(
            Map.entry("response_format.json_schema", "text.format"),
            Map.entry("response_format", "text.format"),
            Map.entry("reasoning_effort", "reasoning.effort"),
            Map.entry("verbosity", "text.verbosity"));

    private ResponsesFieldNames() {}

    /** Runs the call, renaming the field of an invalid-request refusal it throws. */
    static void run(Runnable call) {
        try {
            call.run();
        } catch (CallRefusedException refused) {
            if (refused.refusal() instanceof Refusal.InvalidRequest(String message, String field) && field != null) {
                String sent = asSent(field);
                if (!sent.equals(field)) {
                    throw new CallRefusedException(new Refusal.InvalidRequest(message.replace(field, sent), sent));
                }
            }
            throw refused;
        }
    }

    static String asSent(String field) {
        for (Map.Entry<String, String> name : AS_SENT) {
            if (field.equals(name.getKey()) || field.startsWith(name.getKey() + ".")) {
                return name.getValue() + field.substring(name.getKey().length());
            }
        }
        return field;
    }
}
