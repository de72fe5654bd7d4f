package dev.tollgate.provider.gemini;

import dev.tollgate.provider.GeneratedImage;
import dev.tollgate.provider.ImageProbe;
import dev.tollgate.provider.ImageProvider;
import dev.tollgate.provider.ImageRequest;
import dev.tollgate.provider.ImageSink;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.channel.ChannelConfig;
import dev.tollgate.provider.http.UpstreamHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Gemini image model behind Google's {@code POST {base}/models/{model}:generateContent}, keyed with
 * {@code x-goog-api-key}. Gemini makes one image per call, so a request for several makes that many calls in turn; all
 * of them must succeed before anything is written to the sink, so a failure never leaves part of a batch behind.
 */
public final class GeminiImageChannel implements ImageProvider {

    private final ChannelConfig config;
    private final UpstreamHttp http;
    private final JsonMapper json;
    private final GenerateContentBody body;

    public GeminiImageChannel(ChannelConfig config, UpstreamHttp http, JsonMapper json) {
        this.config = config;
        this.http = http;
        this.json = json;
        this.body = new GenerateContentBody(json);
    }

    @Override
    public String channelName() {
        return config.name();
    }

    @Override
    public List<GeneratedImage> generate(ImageRequest request, ImageSink sink) {
        HttpRequest call = call(request);
        List<ImageProbe.ProbedImage> probes = new ArrayList<>(request.count());
        List<byte[]> images = new ArrayList<>(request.count());
        for (int index = 0; index < request.count(); index++) {
            JsonNode answer = http.sendForJson(call, json);
            byte[] image = GenerateContentAnswer.imageOf(answer);
            probes.add(probe(image));
            images.add(image);
        }
        List<GeneratedImage> generated = new ArrayList<>(request.count());
        for (int index = 0; index < images.size(); index++) {
            write(sink, index, images.get(index));
            ImageProbe.ProbedImage probed = probes.get(index);
            generated.add(new GeneratedImage(probed.format(), probed.width(), probed.height(), null));
        }
        return generated;
    }

    private HttpRequest call(ImageRequest request) {
        // Google lists its models as "models/…"; a channel may be configured with either form
        String model = config.requireUpstreamModel(request.model()).replaceFirst("^models/", "");
        String key = config.secretValue()
                .orElseThrow(() -> new UpstreamException("Channel '" + config.name() + "' has no API key", true));
        return http.request("/models/" + model + ":generateContent")
                .header("x-goog-api-key", key)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.write(request)))
                .build();
    }

    private static ImageProbe.ProbedImage probe(byte[] image) {
        try {
            return ImageProbe.probe(image);
        } catch (ImageProbe.InvalidImageException e) {
            throw new UpstreamException("Gemini's image could not be read: " + e.getMessage(), true, e);
        }
    }

    private static void write(ImageSink sink, int index, byte[] image) {
        try (OutputStream out = sink.open(index)) {
            out.write(image);
        } catch (IOException e) {
            throw new UpstreamException("Image " + index + " could not be stored", false, e);
        }
    }
}
