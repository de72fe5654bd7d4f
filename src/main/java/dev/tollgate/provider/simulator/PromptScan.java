package dev.tollgate.provider.simulator;

import dev.tollgate.provider.CacheTtl;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ContentPart;
import dev.tollgate.provider.ImagePart;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.ThinkingPart;
import dev.tollgate.provider.ToolCallPart;
import dev.tollgate.provider.ToolDefinition;
import dev.tollgate.provider.ToolResultPart;
import dev.tollgate.provider.tokens.JtokkitTokenCounter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One pass over a request's prompt, in the order upstreams cache it (tools, system, messages): its token count, the
 * prefix a prompt cache would key on, and a seed that makes the reply a pure function of the prompt.
 *
 * @param cachePrefixes the cacheable prefixes, shortest first: one up to each cache breakpoint, or for implicit
 *     caching everything but the last message; empty when there is none
 * @param seed derived from the whole prompt and the model, but not from the output limits, so a lower
 *     {@code maxTokens} or a stop sequence cuts the same reply short instead of changing it
 */
record PromptScan(long promptTokens, List<CachePrefix> cachePrefixes, long seed) {

    /**
     * The prompt's first {@code tokens} tokens, identified by a digest of their content, and how long a cache entry
     * for them lasts.
     */
    record CachePrefix(long tokens, String digest, CacheTtl ttl) {}

    static PromptScan of(ChatRequest request, JtokkitTokenCounter counter) {
        return new Scanner(counter).scan(request);
    }

    private static final class Scanner {

        private final JtokkitTokenCounter.Tally tally;
        private final MessageDigest digest = sha256();
        private long tokens;
        private final List<CachePrefix> breakpoints = new ArrayList<>();

        Scanner(JtokkitTokenCounter counter) {
            this.tally = counter.tally();
        }

        PromptScan scan(ChatRequest request) {
            feed(request.model().value());
            tokens = JtokkitTokenCounter.REQUEST_OVERHEAD;
            for (ToolDefinition tool : request.tools()) {
                feed("tool", tool.name(), Objects.requireNonNullElse(tool.description(), ""));
                feed(tool.parameters().toString());
                tokens += tally.tool(tool);
                markIf(tool.cacheBreakpoint(), tool.cacheTtl());
            }
            if (!request.system().isEmpty()) {
                feed("system");
                tokens += JtokkitTokenCounter.MESSAGE_OVERHEAD;
                for (TextPart block : request.system()) {
                    part(block);
                }
            }
            CachePrefix allButLastMessage = null;
            List<ChatMessage> messages = request.messages();
            for (int i = 0; i < messages.size(); i++) {
                if (i == messages.size() - 1) {
                    allButLastMessage = snapshot(CacheTtl.FIVE_MINUTES);
                }
                ChatMessage message = messages.get(i);
                feed("message", message.role().name());
                tokens += JtokkitTokenCounter.MESSAGE_OVERHEAD;
                for (ContentPart part : message.parts()) {
                    part(part);
                }
            }
            List<CachePrefix> prefixes = !breakpoints.isEmpty()
                    ? List.copyOf(breakpoints)
                    : request.implicitPromptCaching() && allButLastMessage != null
                            ? List.of(allButLastMessage)
                            : List.of();
            return new PromptScan(
                    tokens, prefixes, ByteBuffer.wrap(digest.digest()).getLong());
        }

        private void part(ContentPart part) {
            switch (part) {
                case TextPart text -> feed("text", text.text());
                case ImagePart image ->
                    feed(
                            "image",
                            Objects.requireNonNullElse(image.mediaType(), ""),
                            Objects.requireNonNullElse(image.base64Data(), ""),
                            Objects.requireNonNullElse(image.url(), ""));
                case ToolCallPart call -> feed("tool_call", call.id(), call.name(), call.argumentsJson());
                case ToolResultPart result ->
                    feed("tool_result", result.toolCallId(), String.valueOf(result.isError()), result.content());
                case ThinkingPart thinking ->
                    feed("thinking", String.valueOf(thinking.redacted()), thinking.text(), thinking.signature());
            }
            tokens += tally.part(part);
            markIf(part.cacheBreakpoint(), part.cacheTtl());
        }

        private void markIf(boolean cacheBreakpoint, CacheTtl ttl) {
            if (cacheBreakpoint) {
                breakpoints.add(snapshot(ttl));
            }
        }

        private CachePrefix snapshot(CacheTtl ttl) {
            try {
                MessageDigest soFar = (MessageDigest) digest.clone();
                return new CachePrefix(tokens, HexFormat.of().formatHex(soFar.digest()), ttl);
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("SHA-256 digests can be cloned on every supported JDK", e);
            }
        }

        /** Length-prefixed, so that no two different prompts feed the same bytes. */
        private void feed(String... values) {
            for (String value : values) {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                digest.update(
                        ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
                digest.update(bytes);
            }
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every JDK provides SHA-256", e);
            }
        }
    }
}
