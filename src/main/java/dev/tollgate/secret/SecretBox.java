package dev.tollgate.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Service;

/**
 * Seals secrets with AES-256-GCM: a fresh 96-bit nonce per value, and the owner (e.g. {@code channel:<id>}) as
 * associated data, so a sealed value copied onto another row no longer opens. Sealed form: version byte, nonce,
 * ciphertext with its 128-bit tag. The same key also signs what the installation must later recognise as its own.
 */
@Service
public class SecretBox {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String HMAC = "HmacSHA256";

    private final SecretKey key;
    private final SecureRandom random;

    SecretBox(SecretProperties properties) {
        this.random = new SecureRandom();
        this.key = SealingKeySource.load(properties, random);
    }

    /** The secret sealed for {@code owner}. */
    public byte[] seal(String secret, String owner) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, owner);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(VERSION)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The secret sealed for {@code owner}.
     *
     * @throws UnreadableSecretException when it was sealed under another key or owner, or is damaged
     */
    public String open(byte[] sealed, String owner) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new UnreadableSecretException("The stored secret is not in a known sealed form");
        }
        ByteBuffer buffer = ByteBuffer.wrap(sealed);
        buffer.get();
        byte[] nonce = new byte[NONCE_BYTES];
        buffer.get(nonce);
        byte[] body = new byte[buffer.remaining()];
        buffer.get(body);
        try {
            return new String(cipher(Cipher.DECRYPT_MODE, nonce, owner).doFinal(body), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new UnreadableSecretException(
                    "The stored secret does not open with this key (was TOLLGATE_SECRET_KEY changed?)", e);
        }
    }

    /**
     * A signature of {@code text} for {@code purpose} (base64url, unpadded): an HMAC-SHA256 under a key derived from the
     * installation's key for that purpose only, so what this installation signed can be checked and nothing else
     * forged, and a signature made for one purpose is worthless for another. Check one by signing again and comparing
     * in constant time.
     */
    public String sign(String text, String purpose) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(text, purpose));
    }

    private byte[] mac(String text, String purpose) {
        try {
            Mac derive = Mac.getInstance(HMAC);
            derive.init(new SecretKeySpec(key.getEncoded(), HMAC));
            byte[] purposeKey = derive.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(purposeKey, HMAC));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String owner) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
