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
import dev.tollgate.provider.ThinkingPart;
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
 *
 * <p>Counting costs memory and time in proportion to the text, whatever the text. Text is counted in {@link Spans} cut
 * where the encoder would cut anyway, so ordinary text counts exactly as if it were encoded whole; each span is counted
 * by {@link PieceCounts}, which cuts it as the encoder's pre-tokeniser does and remembers what its pieces count.
 * Two kinds of text are not encoded but counted one token per UTF-8 byte, the most any byte-level tokenizer can make
 * of them: a stretch of more than {@value Spans#LONGEST_TOKENISED_RUN} bytes with no place to cut (one enormous
 * "word", on which the encoder's cost explodes), and whatever a prompt holds beyond its first
 * {@value #MOST_TOKENISED_CHARACTERS} characters (more than the largest context window takes).
 */
@Component
public final class JtokkitTokenCounter implements TokenCounter {

    /** Tokens every request costs on top of its content (the reply's priming). */
    public static final int REQUEST_OVERHEAD = 3;

    /** Tokens every message costs on top of its content (role and separators); the system prompt is one message. */
    public static final int MESSAGE_OVERHEAD = 4;

    /** What one image costs, whatever its size: upstreams scale images down before they count them. */
    public static final int IMAGE_TOKENS = 258;

    /** The longest o200k token in UTF-8 bytes (128 spaces), so text of n bytes never counts fewer than n / 128. */
    public static final int LONGEST_TOKEN_BYTES = 128;

    /**
     * Characters of one prompt that are tokenised, give or take the span that crosses the mark; text beyond counts one
     * token per byte. A million tokens of English, the largest context window on offer, is about 4.5 million
     * characters.
     */
    public static final long MOST_TOKENISED_CHARACTERS = 8_000_000;

    /** Counting takes text this much at a time; only splitting needs shorter spans. */
    private static final int COUNTED_SPAN = 1 << 16;

    /** Splitting hands the encoder less, so a split that stops after a few tokens has not encoded the rest. */
    private static final int SPLIT_SPAN = 1 << 12;

    private final Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    /** Counting goes piece by piece through what is known of each piece; splitting asks the encoder. */
    private final PieceCounts pieceCounts = new PieceCounts(encoding);

    @Override
    public long countPrompt(ChatRequest request) {
        return prompt(request, tally());
    }

    /**
     * The prompt counted as {@link #countPrompt} counts it, but every text as its UTF-8 bytes: each token of a byte-level
     * encoding is at least one byte, and text counted by its bytes counts the same either way.
     */
    @Override
    public long promptUpperBound(ChatRequest request) {
        return prompt(request, new Tally(true));
    }

    private static long prompt(ChatRequest request, Tally tally) {
        long tokens = REQUEST_OVERHEAD;
        for (ToolDefinition tool : request.tools()) {
            tokens += tally.tool(tool);
        }
        if (!request.system().isEmpty()) {
            tokens += MESSAGE_OVERHEAD;
            for (TextPart block : request.system()) {
                tokens += tally.part(block);
            }
        }
        for (ChatMessage message : request.messages()) {
            tokens += MESSAGE_OVERHEAD;
            for (ContentPart part : message.parts()) {
                tokens += tally.part(part);
            }
        }
        return tokens;
    }

    @Override
    public long countText(String text) {
        return tally().text(text);
    }

    /**
     * A length of text that holds more than {@code tokens} tokens, and whose first {@code tokens} tokens stay the same
     * however the text goes on: no token is longer than {@value #LONGEST_TOKEN_BYTES} bytes, and only the stretch after
     * the text's last place to cut, which is tokenised only if it is at most {@value Spans#LONGEST_TOKENISED_RUN}
     * bytes, can tokenise differently once more text follows.
     */
    public static long charactersBeyond(long tokens) {
        return (tokens + 1) * LONGEST_TOKEN_BYTES + Spans.LONGEST_TOKENISED_RUN;
    }

    /** A count of one prompt's parts in turn, which share the prompt's {@value #MOST_TOKENISED_CHARACTERS}. */
    public Tally tally() {
        return new Tally(false);
    }

    /**
     * Cuts text at token boundaries so it can be streamed token by token, as far as {@code limit} tokens: the runs
     * stop after the first one that takes their tokens past {@code limit}, or at the end of the text. Concatenated,
     * the runs of a whole text give it back, and their tokens add up to {@link #countText(String)}.
     */
    public List<TokenRun> split(String text, long limit) {
        List<TokenRun> runs = new ArrayList<>();
        long tokens = 0;
        long allowance = MOST_TOKENISED_CHARACTERS;
        Spans spans = new Spans(text, SPLIT_SPAN);
        while (tokens <= limit && spans.hasNext()) {
            Spans.Span span = spans.next();
            int length = span.end() - span.start();
            if (span.tokenised() && length > allowance) {
                allowance = 0;
            }
            if (span.tokenised() && allowance > 0) {
                allowance -= length;
                tokens += splitEncoded(text.substring(span.start(), span.end()), limit - tokens, runs);
            } else {
                tokens += splitByBytes(text, span, limit - tokens, runs);
            }
        }
        return runs;
    }

    /** Adds the runs of tokenised text, up to the first past {@code limit}; returns their tokens. */
    private long splitEncoded(String text, long limit, List<TokenRun> runs) {
        IntArrayList tokens = encoding.encodeOrdinary(text);
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        long added = 0;
        int pendingTokens = 0;
        IntArrayList single = new IntArrayList(1);
        for (int i = 0; i < tokens.size() && added <= limit; i++) {
            single.clear();
            single.add(tokens.get(i));
            pending.writeBytes(encoding.decodeBytes(single));
            pendingTokens++;
            byte[] bytes = pending.toByteArray();
            if (endsOnCharacterBoundary(bytes) || i == tokens.size() - 1) {
                runs.add(new TokenRun(new String(bytes, StandardCharsets.UTF_8), pendingTokens));
                added += pendingTokens;
                pending.reset();
                pendingTokens = 0;
            }
        }
        return added;
    }

    /** Adds one run per character of text counted by its bytes, up to the first past {@code limit}. */
    private static long splitByBytes(String text, Spans.Span span, long limit, List<TokenRun> runs) {
        long added = 0;
        for (int i = span.start(); i < span.end() && added <= limit; ) {
            int codePoint = text.codePointAt(i);
            int next = i + Character.charCount(codePoint);
            int bytes = Spans.utf8Length(codePoint);
            runs.add(new TokenRun(text.substring(i, next), bytes));
            added += bytes;
            i = next;
        }
        return added;
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

    /**
     * The running count of one prompt. Its parts share one allowance of tokenised characters, so the gateway's
     * estimate, {@code count_tokens} and the simulator's metering, which all count part by part in the same order,
     * agree.
     */
    public final class Tally {

        private final boolean byBytes;
        private long allowance = MOST_TOKENISED_CHARACTERS;

        private Tally(boolean byBytes) {
            this.byBytes = byBytes;
        }

        /** Tokens of one tool definition: its name, description and parameter schema as JSON text. */
        public long tool(ToolDefinition tool) {
            String description = tool.description();
            return text(tool.name())
                    + (description == null ? 0 : text(description))
                    + text(tool.parameters().toString());
        }

        /** Tokens of one message part, without the message's own overhead. */
        public long part(ContentPart part) {
            return switch (part) {
                case TextPart text -> text(text.text());
                case ImagePart _ -> IMAGE_TOKENS;
                case ToolCallPart call -> text(call.name()) + text(call.argumentsJson());
                case ToolResultPart result -> text(result.content());
                // what the upstream reads back is the thinking (a redacted block is its encrypted form)
                case ThinkingPart thinking -> text(thinking.text());
            };
        }

        /** Tokens of one text. */
        public long text(String text) {
            if (byBytes) {
                return Spans.utf8Length(text, 0, text.length());
            }
            long tokens = 0;
            Spans spans = new Spans(text, COUNTED_SPAN);
            while (spans.hasNext()) {
                Spans.Span span = spans.next();
                int length = span.end() - span.start();
                if (span.tokenised() && length > allowance) {
                    // once a span is over the allowance, so is everything after it
                    allowance = 0;
                }
                if (span.tokenised() && allowance > 0) {
                    allowance -= length;
                    tokens += pieceCounts.count(text, span.start(), span.end());
                } else {
                    tokens += Spans.utf8Length(text, span.start(), span.end());
                }
            }
            return tokens;
        }
    }
}
