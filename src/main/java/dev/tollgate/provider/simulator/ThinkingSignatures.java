package dev.tollgate.provider.simulator;

import dev.tollgate.caller.Dialect;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ContentPart;
import dev.tollgate.provider.ThinkingPart;
import dev.tollgate.provider.UnsupportedFieldException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the simulator's thinking and checks it when a caller echoes it back, as Anthropic does: a thinking block whose
 * text or signature was changed, or that the simulator never wrote, is refused with Anthropic's own 400. The signature
 * is an HMAC of the thinking text under a key derived from the installation's secret key, so it survives restarts and
 * cannot be made without that key. Redacted thinking the simulator never writes; it accepts such blocks unread, and
 * the unsigned {@code reasoning_content} an OpenAI caller echoes back as well, since that format has no signatures.
 */
final class ThinkingSignatures {

    private final UnaryOperator<String> mac;

    /** @param mac the installation's keyed MAC of a thinking text, as the signature to hand out */
    ThinkingSignatures(UnaryOperator<String> mac) {
        this.mac = mac;
    }

    /** Signatures under a key of this instance's own, which no other instance accepts. */
    static ThinkingSignatures ephemeral() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        return new ThinkingSignatures(text -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
        });
    }

    String sign(String thinking) {
        return mac.apply(thinking);
    }

    /** @throws UnsupportedFieldException naming the first thinking block of the history whose signature does not hold */
    void check(ChatRequest request) {
        for (int i = 0; i < request.messages().size(); i++) {
            ChatMessage message = request.messages().get(i);
            for (int j = 0; j < message.parts().size(); j++) {
                ContentPart part = message.parts().get(j);
                if (part instanceof ThinkingPart thinking
                        && !thinking.redacted()
                        && !holds(thinking)
                        && (request.extras().dialect() == Dialect.ANTHROPIC || !thinking.unsigned())) {
                    String block = "messages." + i + ".content." + j;
                    throw new UnsupportedFieldException(block, block + ": Invalid `signature` in `thinking` block");
                }
            }
        }
    }

    private boolean holds(ThinkingPart thinking) {
        return MessageDigest.isEqual(
                sign(thinking.text()).getBytes(StandardCharsets.UTF_8),
                thinking.signature().getBytes(StandardCharsets.UTF_8));
    }
}
