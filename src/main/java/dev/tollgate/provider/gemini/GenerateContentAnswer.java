package dev.tollgate.provider.gemini;

import dev.tollgate.provider.UpstreamException;
import java.util.Base64;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Finds the image in a {@code generateContent} answer, or says why there is none. A refusal of the prompt or of the
 * image for its content would be refused on any channel, so it is not retryable; an answer that merely lacks an image
 * (the model chose to talk, or stopped for another reason) may succeed elsewhere.
 */
final class GenerateContentAnswer {

    // finish reasons that mean the content itself was judged, not that the model had a bad moment
    private static final Set<String> REFUSALS = Set.of(
            "SAFETY",
            "PROHIBITED_CONTENT",
            "BLOCKLIST",
            "SPII",
            "RECITATION",
            "IMAGE_SAFETY",
            "IMAGE_PROHIBITED_CONTENT",
            "IMAGE_RECITATION");
    private static final int TEXT_LIMIT = 200;

    private GenerateContentAnswer() {}

    /** The bytes of the answer's image (images marked as thoughts are drafts and are passed over). */
    static byte[] imageOf(JsonNode answer) {
        String blockReason = textOf(answer.path("promptFeedback").path("blockReason"));
        if (blockReason != null) {
            String detail = textOf(answer.path("promptFeedback").path("blockReasonMessage"));
            throw new UpstreamException(
                    "Gemini refused the prompt (" + blockReason + ")" + (detail == null ? "" : ": " + detail), false);
        }
        JsonNode candidate = answer.path("candidates").path(0);
        String data = null;
        StringBuilder text = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.path("thought").asBoolean(false)) {
                continue;
            }
            JsonNode inline = part.has("inlineData") ? part.path("inlineData") : part.path("inline_data");
            String mimeType = textOf(inline.has("mimeType") ? inline.path("mimeType") : inline.path("mime_type"));
            String partData = textOf(inline.path("data"));
            if (data == null && partData != null && (mimeType == null || mimeType.startsWith("image/"))) {
                data = partData;
            }
            String partText = textOf(part.path("text"));
            if (partText != null) {
                text.append(partText.strip()).append(' ');
            }
        }
        if (data == null) {
            throw withoutImage(candidate, text.toString().strip());
        }
        try {
            return Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new UpstreamException("Gemini's image is not valid base64", true, e);
        }
    }

    private static UpstreamException withoutImage(JsonNode candidate, String text) {
        String finishReason = textOf(candidate.path("finishReason"));
        String finishMessage = textOf(candidate.path("finishMessage"));
        if (finishReason != null && REFUSALS.contains(finishReason)) {
            return new UpstreamException(
                    "Gemini withheld the image (" + finishReason + ")"
                            + (finishMessage == null ? "" : ": " + finishMessage),
                    false);
        }
        String said = text.isEmpty() ? finishMessage : text;
        return new UpstreamException(
                "Gemini answered without an image" + (finishReason == null ? "" : " (" + finishReason + ")")
                        + (said == null ? "" : ": " + shortened(said)),
                true);
    }

    private static @Nullable String textOf(JsonNode node) {
        return node.isString() && !node.stringValue().isBlank() ? node.stringValue() : null;
    }

    private static String shortened(String text) {
        return text.length() > TEXT_LIMIT ? text.substring(0, TEXT_LIMIT) + "…" : text;
    }
}
