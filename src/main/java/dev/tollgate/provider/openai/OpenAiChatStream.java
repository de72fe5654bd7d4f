package dev.tollgate.provider.openai;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.TokenCounter;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.http.ServerSentEvents;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A Chat Completions stream: each chunk read into canonical events. */
final class OpenAiChatStream extends PulledEventStream {

    private final JsonMapper json;
    private final ChunkScanner scanner;
    private final ChatChunkReader reader;

    OpenAiChatStream(InputStream body, ChatRequest request, TokenCounter tokens, JsonMapper json, Duration timeout) {
        super(body, request, tokens, timeout);
        this.json = json;
        this.scanner = new ChunkScanner(json);
        this.reader = new ChatChunkReader(request.stopSequences());
    }

    @Override
    void read(ServerSentEvents.Event event, String data) {
        ChunkParts parts;
        try {
            parts = event.name().equals("error") ? null : scanner.scan(data);
            if (parts == null) {
                JsonNode chunk = json.readTree(data);
                if (event.name().equals("error") && chunk.get("error") == null) {
                    throw StreamFailure.of(chunk, outputStarted());
                }
                parts = ChunkParts.of(chunk);
            }
        } catch (JacksonException e) {
            throw new UpstreamException("The upstream streamed something that is not JSON", !outputStarted(), e);
        }
        reader.read(parts, outputStarted()).forEach(this::emit);
    }

    @Override
    void complete(boolean sawDone, Supplier<TokenCounts> estimate) {
        emit(reader.complete(sawDone, estimate, outputStarted()));
    }

    @Override
    @Nullable
    TokenCounts reportedUsage() {
        return reader.reportedUsage();
    }
}
