package dev.tollgate.provider.openai;

import dev.tollgate.provider.ChatProvider;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.GeneratedImage;
import dev.tollgate.provider.ImageProvider;
import dev.tollgate.provider.ImageRequest;
import dev.tollgate.provider.ImageSink;
import dev.tollgate.provider.TokenCounter;
import dev.tollgate.provider.VideoProvider;
import dev.tollgate.provider.VideoRequest;
import dev.tollgate.provider.VideoResult;
import dev.tollgate.provider.VideoTaskStatus;
import dev.tollgate.provider.channel.ChannelConfig;
import dev.tollgate.provider.http.DownloadGuard;
import dev.tollgate.provider.http.UpstreamHttp;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A channel to OpenAI or any server that speaks its API ({@code openai-compatible}): streamed chat completions with
 * tools and images, image generations and edits, and video tasks; and, when the channel is marked as speaking it, the
 * Responses API, to which a Responses caller's request goes as sent. Every request carries the channel's key as a
 * bearer token and nothing of the caller's.
 */
public final class OpenAiCompatibleChannel implements ChatProvider, ImageProvider, VideoProvider {

    private final ChannelConfig config;
    private final UpstreamHttp http;
    private final JsonMapper json;
    private final TokenCounter tokens;
    private final ChannelRequests requests;
    private final ChatRequestWriter chatWriter;
    private final OpenAiImages images;
    private final OpenAiVideos videos;

    public OpenAiCompatibleChannel(
            ChannelConfig config, UpstreamHttp http, JsonMapper json, TokenCounter tokens, DownloadGuard guard) {
        this.config = config;
        this.http = http;
        this.json = json;
        this.tokens = tokens;
        this.requests = new ChannelRequests(config, http);
        this.chatWriter = new ChatRequestWriter(json);
        this.images = new OpenAiImages(http, requests, new UpstreamDownloads(http, requests, guard), json);
        this.videos = new OpenAiVideos(http, requests, json);
    }

    @Override
    public String channelName() {
        return config.name();
    }

    @Override
    public ChatStream open(ChatRequest request) {
        String model = config.requireUpstreamModel(request.model());
        ObjectNode responsesBody = relayed(request);
        if (responsesBody != null) {
            HttpResponse<InputStream> response =
                    post("/responses", ResponsesRelayBody.of(responsesBody, model), request);
            return new ResponsesStream(response.body(), request, tokens, json, config.timeout());
        }
        HttpResponse<InputStream> response = post("/chat/completions", chatWriter.write(request, model), request);
        return new OpenAiChatStream(response.body(), request, tokens, json, config.timeout());
    }

    /** A relayed request goes as the caller sent it, and the upstream judges it; the others must translate. */
    @Override
    public void admit(ChatRequest request) {
        if (relayed(request) != null) {
            return;
        }
        OpenAiExtras.apply(request.extras(), json.createObjectNode());
        RedactedThinking.refuse(request);
    }

    /** The Responses body to send on as it is, when the caller spoke Responses and so does this channel. */
    private @Nullable ObjectNode relayed(ChatRequest request) {
        return config.speaksResponses() ? request.extras().responsesBody() : null;
    }

    private HttpResponse<InputStream> post(String path, ObjectNode body, ChatRequest request) {
        HttpRequest.Builder upstream =
                requests.to(path).header("Content-Type", "application/json").header("Accept", "text/event-stream");
        OpenAiExtras.headers(request.extras())
                .forEach((name, values) -> values.forEach(value -> upstream.header(name, value)));
        return http.send(upstream.POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build());
    }

    @Override
    public List<GeneratedImage> generate(ImageRequest request, ImageSink sink) {
        return images.generate(request, config.requireUpstreamModel(request.model()), sink);
    }

    @Override
    public String submit(VideoRequest request) {
        return videos.submit(request, config.requireUpstreamModel(request.model()));
    }

    @Override
    public VideoTaskStatus poll(String taskId, VideoRequest request) {
        return videos.poll(taskId);
    }

    @Override
    public VideoResult download(String taskId, VideoRequest request, OutputStream target) {
        return videos.download(taskId, request, target);
    }
}
