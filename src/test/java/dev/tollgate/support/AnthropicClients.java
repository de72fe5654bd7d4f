package dev.tollgate.support;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;

/** The official Anthropic Java SDK pointed at the app under test, with a team's key and no retries. */
public final class AnthropicClients {

    private AnthropicClients() {}

    public static AnthropicClient forKey(int port, String key) {
        return AnthropicOkHttpClient.builder()
                .apiKey(key)
                .baseUrl("http://localhost:" + port)
                .maxRetries(0)
                .build();
    }
}
