package dev.tollgate.gateway.openai;

import dev.tollgate.calls.ImageResult;
import dev.tollgate.media.MediaItem;
import dev.tollgate.media.MediaService;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes OpenAI's {@code ImagesResponse}. Base64 results are encoded while the stored file is read, so a 4K image is
 * never held in memory whole, neither raw nor encoded.
 */
final class ImagesResponseWriter {

    private final JsonMapper json;
    private final MediaService media;

    ImagesResponseWriter(JsonMapper json, MediaService media) {
        this.json = json;
        this.media = media;
    }

    void write(HttpServletResponse response, ImageResult result, boolean base64, String baseUrl, long created)
            throws IOException {
        response.setStatus(200);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        try (JsonGenerator out = json.createGenerator(response.getOutputStream())) {
            out.writeStartObject();
            out.writeNumberProperty("created", created);
            out.writeArrayPropertyStart("data");
            for (int i = 0; i < result.images().size(); i++) {
                MediaItem image = result.images().get(i);
                out.writeStartObject();
                if (base64) {
                    out.writeName("b64_json");
                    try (InputStream bytes = media.open(image)) {
                        out.writeBinary(bytes, (int) image.bytes());
                    }
                } else {
                    out.writeStringProperty("url", baseUrl + image.path());
                }
                @Nullable String revised = result.revisedPrompts().get(i);
                if (revised != null) {
                    out.writeStringProperty("revised_prompt", revised);
                }
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeStringProperty("output_format", "png");
            out.writeStringProperty(
                    "size",
                    result.images().getFirst().width() + "x"
                            + result.images().getFirst().height());
            out.writeEndObject();
        }
    }
}
