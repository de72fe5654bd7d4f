package dev.tollgate.support;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;

/** The official OpenAI Java SDK pointed at the app under test, with a team's key and no retries. */
public final class OpenAiClients {

    private OpenAiClients() {}

    public static OpenAIClient forKey(int port, String key) {
        return OpenAIOkHttpClient.builder()
                .apiKey(key)
                .baseUrl("http://localhost:" + port + "/v1")
                .maxRetries(0)
                .build();
    }
}
