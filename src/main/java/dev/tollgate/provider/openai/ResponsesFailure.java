package dev.tollgate.provider.openai;

import dev.tollgate.provider.UpstreamException;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A failure a Responses upstream streams instead of (or in the middle of) a reply: {@code response.failed}, whose
 * {@code response.error} holds a code and a message, or an {@code error} event with them at its top level. Its codes
 * are classified as the Chat Completions path classifies an error: the request's own faults (a prompt or an image the
 * upstream refuses) fail on every channel and are not retried, overload and rate limits may go elsewhere.
 */
final class ResponsesFailure {

    // the codes of OpenAI's ResponseErrorCode that blame what the caller sent rather than the upstream
    private static final Set<String> REQUEST_FAULTS = Set.of(
            "invalid_prompt",
            "bio_policy",
            "data_residency_mismatch",
            "invalid_image",
            "invalid_image_format",
            "invalid_base64_image",
            "invalid_image_url",
            "image_too_large",
            "image_too_small",
            "image_parse_error",
            "image_content_policy_violation",
            "invalid_image_mode",
            "image_file_too_large",
            "unsupported_image_media_type",
            "empty_image_file",
            "failed_to_download_image",
            "image_file_not_found");

    private ResponsesFailure() {}

    /** The failure of a {@code response.failed} event. */
    static UpstreamException failed(JsonNode event, boolean outputStarted) {
        return of(event.path("response").path("error"), outputStarted);
    }

    /** The failure an error object ({@code code}, {@code message}) describes. */
    static UpstreamException of(JsonNode error, boolean outputStarted) {
        String message = error.path("message").asString("");
        String code = error.path("code").asString("");
        int status = REQUEST_FAULTS.contains(code) ? 400 : StreamFailure.statusOf(error);
        return StreamFailure.withStatus(message, status, outputStarted);
    }
}
