package dev.tollgate.provider.openai;

import dev.tollgate.provider.GeneratedImage;
import dev.tollgate.provider.ImageProbe;
import dev.tollgate.provider.ImageRequest;
import dev.tollgate.provider.ImageSink;
import dev.tollgate.provider.InputImage;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.http.UpstreamHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Image generations ({@code POST /images/generations}, JSON) and edits ({@code POST /images/edits}, multipart). The
 * whole answer, downloads included, is fetched and checked before anything is written to the sink, so a failure never
 * leaves half a result behind.
 */
final class OpenAiImages {

    /** The most one image may weigh when fetched by URL. */
    static final long IMAGE_LIMIT = 64L * 1024 * 1024;

    private final UpstreamHttp http;
    private final ChannelRequests requests;
    private final UpstreamDownloads downloads;
    private final JsonMapper json;

    OpenAiImages(UpstreamHttp http, ChannelRequests requests, UpstreamDownloads downloads, JsonMapper json) {
        this.http = http;
        this.requests = requests;
        this.downloads = downloads;
        this.json = json;
    }

    List<GeneratedImage> generate(ImageRequest request, String upstreamModel, ImageSink sink) {
        JsonNode answer = request.isEdit() ? edit(request, upstreamModel) : generation(request, upstreamModel);
        List<Fetched> images = fetch(answer, request.count());
        List<GeneratedImage> described = new ArrayList<>(images.size());
        for (Fetched image : images) {
            described.add(new GeneratedImage(
                    image.probed().format(),
                    image.probed().width(),
                    image.probed().height(),
                    image.revisedPrompt()));
        }
        for (int i = 0; i < images.size(); i++) {
            try (OutputStream out = sink.open(i)) {
                out.write(images.get(i).bytes());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot store image " + i, e);
            }
        }
        return described;
    }

    private JsonNode generation(ImageRequest request, String upstreamModel) {
        ObjectNode body = json.createObjectNode()
                .put("model", upstreamModel)
                .put("prompt", request.prompt())
                .put("n", request.count())
                .put("size", request.resolution().size());
        if (takesResponseFormat(upstreamModel)) {
            body.put("response_format", "b64_json");
        }
        return http.sendForJson(requests.postJson("/images/generations", json.writeValueAsBytes(body)), json);
    }

    private JsonNode edit(ImageRequest request, String upstreamModel) {
        MultipartBody body = new MultipartBody()
                .field("model", upstreamModel)
                .field("prompt", request.prompt())
                .field("n", Integer.toString(request.count()))
                .field("size", request.resolution().size());
        if (takesResponseFormat(upstreamModel)) {
            body.field("response_format", "b64_json");
        }
        List<InputImage> inputs = request.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            InputImage input = inputs.get(i);
            body.file(
                    "image[]",
                    "image-" + (i + 1) + "." + input.format().extension(),
                    input.format().mediaType(),
                    input.bytes());
        }
        InputImage mask = request.mask();
        if (mask != null) {
            body.file("mask", "mask." + mask.format().extension(), mask.format().mediaType(), mask.bytes());
        }
        return http.sendForJson(requests.postMultipart("/images/edits", body), json);
    }

    /**
     * OpenAI's GPT image models refuse {@code response_format} (they always answer base64), while DALL·E and most
     * compatible servers answer URLs unless asked for base64.
     */
    static boolean takesResponseFormat(String upstreamModel) {
        return !upstreamModel.toLowerCase(Locale.ROOT).contains("gpt-image");
    }

    private List<Fetched> fetch(JsonNode answer, int count) {
        JsonNode data = answer.path("data");
        if (data.size() < count) {
            throw new UpstreamException("The upstream returned " + data.size() + " of " + count + " images", true);
        }
        List<Fetched> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            JsonNode item = data.get(i);
            byte[] bytes = bytesOf(item, i);
            ImageProbe.ProbedImage probed;
            try {
                probed = ImageProbe.probe(bytes);
            } catch (ImageProbe.InvalidImageException e) {
                throw new UpstreamException(
                        "The upstream's image " + (i + 1) + " is unreadable: " + e.getMessage(), true, e);
            }
            String revised = item.path("revised_prompt").asString("");
            images.add(new Fetched(bytes, probed, revised.isBlank() ? null : revised));
        }
        return images;
    }

    private byte[] bytesOf(JsonNode item, int index) {
        String base64 = item.path("b64_json").asString("");
        if (!base64.isEmpty()) {
            try {
                // MIME decoding skips the line breaks some servers wrap base64 in
                return Base64.getMimeDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new UpstreamException("The upstream's image " + (index + 1) + " is not base64", true, e);
            }
        }
        String url = item.path("url").asString("");
        if (!url.isEmpty()) {
            return downloads.fetch(url, IMAGE_LIMIT);
        }
        throw new UpstreamException("The upstream's image " + (index + 1) + " has neither data nor a URL", true);
    }

    private record Fetched(
            byte[] bytes,
            ImageProbe.ProbedImage probed,
            @Nullable String revisedPrompt) {}
}
