package dev.tollgate.fuzz;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Every public endpoint that takes a JSON body, with a valid body to mutate and the credential it needs. */
record JsonEndpoints(List<JsonEndpoint> all) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * An endpoint with a request it accepts; mutations of that request make the corpus. {@code chat} endpoints also get
     * the chat fields their body leaves out and mutations inside their messages.
     */
    record JsonEndpoint(String name, String target, Map<String, String> headers, String validBody, boolean chat) {

        JsonEndpoint(String name, String target, Map<String, String> headers, String validBody) {
            this(name, target, headers, validBody, false);
        }

        JsonEndpoint withChatFields() {
            return new JsonEndpoint(name, target, headers, validBody, true);
        }

        ObjectNode template() {
            return (ObjectNode) JSON.readTree(validBody);
        }
    }

    /**
     * The endpoints, called with {@code key}; videos are called with {@code videoKey}, whose budget pays for none, so
     * that requests which pass every check are refused at the charge instead of each rendering a video.
     */
    static JsonEndpoints of(String key, String videoKey, String masterKey, String team) {
        Map<String, String> openAi = Map.of("Authorization", "Bearer " + key);
        Map<String, String> anthropic = Map.of("x-api-key", key, "anthropic-version", "2023-06-01");
        Map<String, String> admin = Map.of("Authorization", "Bearer " + masterKey);
        return new JsonEndpoints(List.of(
                new JsonEndpoint("chat", "/v1/chat/completions", openAi, """
                        {"model":"aws/claude-haiku-4-5","max_tokens":16,"temperature":0.5,"stream":false,
                         "stop":["END"],"messages":[{"role":"system","content":"Be brief."},
                         {"role":"user","content":"Tell me about tides"}]}""").withChatFields(),
                new JsonEndpoint("chat-api", "/api/v1/chat/completions", openAi, """
                        {"model":"aws/glm-5","max_completion_tokens":8,"stream":true,
                         "stream_options":{"include_usage":true},
                         "messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}]}"""),
                new JsonEndpoint("messages", "/v1/messages", anthropic, """
                        {"model":"aws/claude-haiku-4-5","max_tokens":16,"system":"Be brief.",
                         "stop_sequences":["END"],"messages":[{"role":"user","content":"Tell me about tides"}]}""").withChatFields(),
                new JsonEndpoint("messages-stream", "/v1/v1/messages", anthropic, """
                        {"model":"aws/glm-5","max_tokens":8,"stream":true,
                         "messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}]}"""),
                new JsonEndpoint("count-tokens", "/v1/messages/count_tokens", anthropic, """
                        {"model":"aws/claude-haiku-4-5","messages":[{"role":"user","content":"Tell me about tides"}]}"""),
                new JsonEndpoint("images", "/v1/images/generations", openAi, """
                        {"model":"enterprise/gemini-3.1-flash-image-preview-1k","prompt":"A lighthouse","n":1,
                         "size":"1024x1024","response_format":"url"}"""),
                new JsonEndpoint("image-edits", "/v1/images/edits", openAi, """
                        {"model":"enterprise/gemini-3.1-flash-image-preview-1k","prompt":"Add a moon",
                         "image":"data:image/png;base64,iVBORw0KGgo="}"""),
                new JsonEndpoint("videos", "/v1/videos", Map.of("Authorization", "Bearer " + videoKey), """
                        {"model":"enterprise/seedance-1-5-pro","prompt":"A paper boat","seconds":"4",
                         "size":"720x1280"}"""),
                new JsonEndpoint("admin-teams", "/admin/v1/teams", admin, """
                        {"name":"Fuzzed team"}"""),
                new JsonEndpoint("admin-credits", "/admin/v1/teams/" + team + "/credits", admin, """
                        {"amount":"0.01","note":"fuzz"}"""),
                new JsonEndpoint("admin-keys", "/admin/v1/teams/" + team + "/keys", admin, """
                        {"name":"fuzzed","budget":"1.00","models":["aws/glm-5"],"expiresAt":"2099-01-01T00:00:00Z",
                         "rpm":1000}"""),
                new JsonEndpoint("admin-channels", "/admin/v1/channels", admin, """
                        {"name":"fuzzed-channel","kind":"openai-compatible","baseUrl":"https://upstream.invalid/v1",
                         "apiKey":"sk-fuzz","models":{"aws/gpt-oss-120b":"gpt-oss"},"priority":5,"weight":1,
                         "enabled":false}""")));
    }
}
