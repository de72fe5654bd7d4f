package dev.tollgate.support;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.videos.Video;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Base64;

/**
 * One key used for everything that costs money, through the API: a chat, an image, a video, and an image edit that is
 * charged and then refunded because its input does not decode. Tests of what a key has spent start here.
 */
public final class ChargesOfEveryKind {

    private ChargesOfEveryKind() {}

    public static void makeWith(int port, String key) throws IOException, InterruptedException {
        OpenAIClient client = OpenAiClients.forKey(port, key);
        client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("aws/claude-haiku-4-5")
                        .addUserMessage("Explain how a sundial tells the time")
                        .maxCompletionTokens(60)
                        .build());
        client.images()
                .generate(ImageGenerateParams.builder()
                        .model("enterprise/image-2")
                        .prompt("A lighthouse at dusk")
                        .build());
        Video video = client.videos()
                .create(VideoRequests.fourSecondLandscape(
                                "enterprise/seedance-1-5-pro", "Waves rolling onto a pebble beach")
                        .build());
        Video finished = VideoPolls.untilFinished(client, video.id());
        if (!finished.status().asString().equals("completed")) {
            throw new IllegalStateException("The video did not complete: " + finished.status());
        }
        int status = refundedEdit(port, key);
        if (status != 400) {
            throw new IllegalStateException("The broken edit was not refused and refunded, but answered " + status);
        }
    }

    private static int refundedEdit(int port, String key) throws IOException, InterruptedException {
        byte[] broken = Arrays.copyOf(TestImages.png(64, 64), 60);
        String body = "{\"model\":\"enterprise/image-2\",\"prompt\":\"Fix it\",\"image\":\""
                + Base64.getEncoder().encodeToString(broken) + "\"}";
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/images/edits"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }
}
