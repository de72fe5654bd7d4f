package dev.tollgate.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the admin API, as a script would call it. */
public final class AdminApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String masterKey;

    public AdminApiClient(int port, String masterKey) {
        this.baseUrl = "http://localhost:" + port;
        this.masterKey = masterKey;
    }

    public record Reply(int status, JsonNode body, HttpResponse<String> raw) {}

    public Reply post(String path, String json) {
        return send(request(path)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    public Reply put(String path, String json) {
        return send(request(path)
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    public Reply patch(String path, String json) {
        return send(request(path)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    public Reply delete(String path) {
        return send(request(path).DELETE());
    }

    public String createTeam(String name) {
        Reply reply = post("/admin/v1/teams", "{\"name\":\"" + name + "\"}");
        if (reply.status() != 201) {
            throw new IllegalStateException("Team not created: " + reply.raw().body());
        }
        return reply.body().get("id").asString();
    }

    /** A new team with a unique name starting with {@code prefix}, topped up with {@code amount}; its id. */
    public String createFundedTeam(String prefix, String amount) {
        String team = createTeam(prefix + " " + java.util.UUID.randomUUID());
        Reply topUp = post("/admin/v1/teams/" + team + "/credits", "{\"amount\":\"" + amount + "\"}");
        if (topUp.status() != 200) {
            throw new IllegalStateException("Team not funded: " + topUp.raw().body());
        }
        return team;
    }

    /** Issues a key and returns the whole 201 body (with the plaintext in {@code key}). */
    public JsonNode createKey(String teamId, String json) {
        Reply reply = post("/admin/v1/teams/" + teamId + "/keys", json);
        if (reply.status() != 201) {
            throw new IllegalStateException("Key not created: " + reply.raw().body());
        }
        return reply.body();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
        return masterKey == null ? builder : builder.header("Authorization", "Bearer " + masterKey);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
