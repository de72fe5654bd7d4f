package dev.tollgate.gateway.responses;

import dev.tollgate.gateway.wire.RequestFields;
import dev.tollgate.provider.ThinkingPart;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@code encrypted_content} of a reasoning item the gateway wrote: what its summary cannot carry of a thinking
 * block, so the block comes back exactly as the upstream issued it. For readable thinking that is its signature (the
 * text travels as the summary); for a redacted block, the provider's opaque data. Neither is secret (the upstream
 * checks both itself), so the encoding only has to be unambiguous: a prefix naming it, then base64url of a kind letter
 * and the value.
 */
final class EncryptedReasoning {

    private static final String PREFIX = "tollgate.r1.";
    private static final char SIGNED = 's';
    private static final char REDACTED = 'r';

    private EncryptedReasoning() {}

    static String of(ThinkingPart thinking) {
        String payload = (thinking.redacted() ? REDACTED : SIGNED)
                + (thinking.redacted() ? thinking.text() : thinking.signature());
        return PREFIX
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The thinking block a reasoning item stands for, given its summary text and {@code encrypted_content}: empty when
     * the content is not the gateway's (another server's, which only that server can read).
     *
     * @throws dev.tollgate.web.ApiException a 400 naming {@code path} when the content claims to be the gateway's but
     *     is damaged
     */
    static Optional<ThinkingPart> read(String summary, String encrypted, String path) {
        if (!encrypted.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String payload;
        try {
            payload = new String(
                    Base64.getUrlDecoder().decode(encrypted.substring(PREFIX.length())), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw damaged(path);
        }
        if (payload.isEmpty()) {
            throw damaged(path);
        }
        String value = payload.substring(1);
        return switch (payload.charAt(0)) {
            case SIGNED -> Optional.of(ThinkingPart.readable(summary, value));
            case REDACTED -> Optional.of(ThinkingPart.redacted(value));
            default -> throw damaged(path);
        };
    }

    private static RuntimeException damaged(String path) {
        return RequestFields.invalid(
                path + " was altered: send back the encrypted_content of a reasoning item exactly as it was returned.",
                path);
    }
}
