package dev.tollgate.provider.seedance;

import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.VideoProvider;
import dev.tollgate.provider.VideoRequest;
import dev.tollgate.provider.VideoResult;
import dev.tollgate.provider.VideoTaskStatus;
import dev.tollgate.provider.channel.ChannelConfig;
import dev.tollgate.provider.http.DownloadGuard;
import dev.tollgate.provider.http.UpstreamHttp;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Seedance model behind BytePlus ModelArk's task API ({@code {base}/contents/generations/tasks}, bearer key). The
 * clip is downloaded from the task's {@code content.video_url}; its size is reported as requested, since ModelArk
 * reports only the ratio and resolution class it made.
 */
public final class SeedanceChannel implements VideoProvider {

    private static final String TASKS = "/contents/generations/tasks";
    // task ids come back from the database; only ids of ModelArk's form go into a path
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final ChannelConfig config;
    private final UpstreamHttp http;
    private final JsonMapper json;
    private final Clock clock;
    private final TaskBody body;
    private final VideoFetch fetch;

    public SeedanceChannel(ChannelConfig config, UpstreamHttp http, JsonMapper json, DownloadGuard guard) {
        this(config, http, json, guard, Clock.systemUTC());
    }

    SeedanceChannel(ChannelConfig config, UpstreamHttp http, JsonMapper json, DownloadGuard guard, Clock clock) {
        this.config = config;
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.body = new TaskBody(json);
        this.fetch = new VideoFetch(config, http, guard);
    }

    @Override
    public String channelName() {
        return config.name();
    }

    @Override
    public String submit(VideoRequest request) {
        String model = config.requireUpstreamModel(request.model());
        HttpRequest call = authorized(TASKS)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.write(model, request)))
                .build();
        String id = http.sendForJson(call, json).path("id").asString("");
        if (id.isBlank()) {
            throw new UpstreamException("The upstream accepted the task but gave no task id", true);
        }
        return id;
    }

    @Override
    public VideoTaskStatus poll(String taskId, VideoRequest request) {
        return TaskStatus.of(task(taskId), clock.instant());
    }

    @Override
    public VideoResult download(String taskId, VideoRequest request, OutputStream target) {
        JsonNode task = task(taskId);
        String status = task.path("status").asString("");
        if (!status.equals("succeeded")) {
            throw new UpstreamException("Task " + taskId + " has no video: its status is '" + status + "'", false);
        }
        String address = task.path("content").path("video_url").asString("");
        if (address.isBlank()) {
            throw new UpstreamException("Task " + taskId + " succeeded without a video address", true);
        }
        fetch.copy(address, target);
        return new VideoResult(request.width(), request.height(), null);
    }

    private JsonNode task(String taskId) {
        if (!TASK_ID.matcher(taskId).matches()) {
            throw new UpstreamException("Not a task id of this upstream: " + taskId, false);
        }
        return http.sendForJson(authorized(TASKS + "/" + taskId).GET().build(), json);
    }

    private HttpRequest.Builder authorized(String path) {
        String key = config.secretValue()
                .orElseThrow(() -> new UpstreamException("Channel '" + config.name() + "' has no API key", true));
        return http.request(path).header("authorization", "Bearer " + key);
    }
}
