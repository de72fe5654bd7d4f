package dev.tollgate.provider.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ContentPart;
import dev.tollgate.provider.ImagePart;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.TokenCounter;
import dev.tollgate.provider.ToolCallPart;
import dev.tollgate.provider.ToolDefinition;
import dev.tollgate.provider.ToolResultPart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Counts tokens with OpenAI's o200k_base encoding. Upstreams tokenise differently, so prompt counts are estimates that
 * are close enough to reserve credit and to meter the simulator; real upstreams' reported usage wins where present.
 *
 * <p>Special-token markers such as {@code <|endoftext|>} in user text count as ordinary text, since a caller cannot
 * inject control tokens into an upstream either.
 */
@Component
public final class JtokkitTokenCounter implements TokenCounter {

    /** Tokens every request costs on top of its content (the reply's priming). */
    public static final int REQUEST_OVERHEAD = 3;

    /** Tokens every message costs on top of its content (role and separators); the system prompt is one message. */
    public static final int MESSAGE_OVERHEAD = 4;

    /** What one image costs, whatever its size: upstreams scale images down before they count them. */
    public static final int IMAGE_TOKENS = 258;

    private final Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    @Override
    public long countPrompt(ChatRequest request) {
        long tokens = REQUEST_OVERHEAD;
        for (ToolDefinition tool : request.tools()) {
            tokens += countTool(tool);
        }
        if (!request.system().isEmpty()) {
            tokens += MESSAGE_OVERHEAD;
            for (TextPart block : request.system()) {
                tokens += countPart(block);
            }
        }
        for (ChatMessage message : request.messages()) {
            tokens += MESSAGE_OVERHEAD;
            for (ContentPart part : message.parts()) {
                tokens += countPart(part);
            }
        }
        return tokens;
    }

    @Override
    public long countText(String text) {
        return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    /** Tokens of one tool definition: its name, description and parameter schema as JSON text. */
    public long countTool(ToolDefinition tool) {
        return countText(tool.name())
                + countText(descriptionOf(tool))
                + countText(tool.parameters().toString());
    }

    /** Tokens of one message part, without the message's own overhead. */
    public long countPart(ContentPart part) {
        return switch (part) {
            case TextPart text -> countText(text.text());
            case ImagePart _ -> IMAGE_TOKENS;
            case ToolCallPart call -> countText(call.name()) + countText(call.argumentsJson());
            case ToolResultPart result -> countText(result.content());
        };
    }

    /**
     * Cuts text at token boundaries so it can be streamed token by token. Concatenating the runs gives the text back,
     * and their token counts add up to {@link #countText(String)}.
     */
    public List<TokenRun> split(String text) {
        IntArrayList tokens = encoding.encodeOrdinary(text);
        List<TokenRun> runs = new ArrayList<>(tokens.size());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        int pendingTokens = 0;
        IntArrayList single = new IntArrayList(1);
        for (int i = 0; i < tokens.size(); i++) {
            single.clear();
            single.add(tokens.get(i));
            pending.writeBytes(encoding.decodeBytes(single));
            pendingTokens++;
            byte[] bytes = pending.toByteArray();
            if (endsOnCharacterBoundary(bytes) || i == tokens.size() - 1) {
                runs.add(new TokenRun(new String(bytes, StandardCharsets.UTF_8), pendingTokens));
                pending.reset();
                pendingTokens = 0;
            }
        }
        return runs;
    }

    private static String descriptionOf(ToolDefinition tool) {
        String description = tool.description();
        return description == null ? "" : description;
    }

    /** False when the bytes end inside a multi-byte UTF-8 sequence that a later token completes. */
    private static boolean endsOnCharacterBoundary(byte[] bytes) {
        for (int back = 1; back <= Math.min(4, bytes.length); back++) {
            int b = bytes[bytes.length - back] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                int length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return back >= length;
            }
        }
        // only continuation bytes: malformed input, nothing later will make it whole
        return true;
    }
}
