package dev.tollgate.provider.gemini;

import dev.tollgate.provider.ImageRequest;
import dev.tollgate.provider.InputImage;
import java.util.Base64;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code generateContent} body for one image: the prompt, then the images to edit inline, then the mask (Gemini
 * takes no mask parameter, so it goes as one more image, introduced by a sentence saying what it means).
 */
final class GenerateContentBody {

    static final String MASK_INSTRUCTION = "The next image is a mask for the first image: only the area where the mask"
            + " is transparent may change; keep everything under its opaque area exactly as it is.";

    private final JsonMapper json;

    GenerateContentBody(JsonMapper json) {
        this.json = json;
    }

    byte[] write(ImageRequest request) {
        ObjectNode body = json.createObjectNode();
        ObjectNode content = body.putArray("contents").addObject();
        content.put("role", "user");
        ArrayNode parts = content.putArray("parts");
        parts.addObject().put("text", request.prompt());
        request.inputs().forEach(image -> addImage(parts, image));
        InputImage mask = request.mask();
        if (mask != null) {
            parts.addObject().put("text", MASK_INSTRUCTION);
            addImage(parts, mask);
        }
        ObjectNode generation = body.putObject("generationConfig");
        generation.putArray("responseModalities").add("IMAGE");
        ImageFrame frame = ImageFrame.of(request.resolution());
        ObjectNode imageConfig = generation.putObject("imageConfig");
        imageConfig.put("aspectRatio", frame.aspectRatio());
        if (frame.imageSize() != null) {
            imageConfig.put("imageSize", frame.imageSize());
        }
        return json.writeValueAsBytes(body);
    }

    private static void addImage(ArrayNode parts, InputImage image) {
        ObjectNode inline = parts.addObject().putObject("inlineData");
        inline.put("mimeType", image.format().mediaType());
        inline.put("data", Base64.getEncoder().encodeToString(image.bytes()));
    }
}
