package dev.tollgate.provider.seedance;

import dev.tollgate.provider.InputImage;
import dev.tollgate.provider.VideoRequest;
import java.util.Base64;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body that creates a task: the prompt as a text item, the reference image as a base64 data URL in the
 * {@code first_frame} role, and the shape as the top-level {@code ratio}, {@code resolution} and {@code duration}
 * fields (the newer, validated form of the {@code --rt}/{@code --rs}/{@code --dur} text commands, which the newest
 * models no longer read).
 */
final class TaskBody {

    private final JsonMapper json;

    TaskBody(JsonMapper json) {
        this.json = json;
    }

    byte[] write(String model, VideoRequest request) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        ArrayNode content = body.putArray("content");
        content.addObject().put("type", "text").put("text", request.prompt());
        InputImage reference = request.reference();
        if (reference != null) {
            ObjectNode image = content.addObject().put("type", "image_url");
            image.putObject("image_url").put("url", dataUrl(reference));
            image.put("role", "first_frame");
        }
        VideoShape shape = VideoShape.of(request.width(), request.height());
        body.put("ratio", shape.ratio());
        body.put("resolution", shape.resolution());
        body.put("duration", request.seconds());
        return json.writeValueAsBytes(body);
    }

    private static String dataUrl(InputImage image) {
        return "data:" + image.format().mediaType() + ";base64,"
                + Base64.getEncoder().encodeToString(image.bytes());
    }
}
