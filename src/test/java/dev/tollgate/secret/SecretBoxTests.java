package dev.tollgate.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sealing with AES-256-GCM: values open only with their key and owner, and the generated key is kept; signing under a
 * key derived per purpose.
 */
class SecretBoxTests {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @TempDir
    Path dir;

    @Test
    void aSealedSecretOpensForItsOwnerAndHidesItsValue() {
        SecretBox box = box(KEY);

        byte[] sealed = box.seal("sk-live-secret", "channel:a");

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("sk-live-secret");
        assertThat(box.open(sealed, "channel:a")).isEqualTo("sk-live-secret");
        assertThat(box.seal("sk-live-secret", "channel:a"))
                .as("a fresh nonce each time")
                .isNotEqualTo(sealed);
    }

    @Test
    void aSealedSecretMovedToAnotherOwnerOrOpenedWithAnotherKeyDoesNotOpen() {
        byte[] sealed = box(KEY).seal("sk-live-secret", "channel:a");

        assertThatThrownBy(() -> box(KEY).open(sealed, "channel:b")).isInstanceOf(UnreadableSecretException.class);
        assertThatThrownBy(() -> box(OTHER_KEY).open(sealed, "channel:a"))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("TOLLGATE_SECRET_KEY");
    }

    @Test
    void aTamperedSealDoesNotOpen() {
        SecretBox box = box(KEY);
        byte[] sealed = box.seal("sk-live-secret", "channel:a");
        sealed[sealed.length - 1] ^= 1;

        assertThatThrownBy(() -> box.open(sealed, "channel:a")).isInstanceOf(UnreadableSecretException.class);
        assertThatThrownBy(() -> box.open(new byte[] {9, 9, 9}, "channel:a"))
                .isInstanceOf(UnreadableSecretException.class);
    }

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOnceOwnerOnlyAndReusedAfterARestart() throws Exception {
        Path file = dir.resolve("data/secret.key");
        byte[] sealed = new SecretBox(new SecretProperties("", file)).seal("kept", "channel:a");

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        assertThat(new SecretBox(new SecretProperties("", file)).open(sealed, "channel:a"))
                .isEqualTo("kept");
    }

    @Test
    void aConfiguredKeyOfTheWrongShapeStopsStartUpWithHowToFixIt() {
        assertThatThrownBy(() -> box("not base64!"))
                .isInstanceOf(InvalidSecretKeyException.class)
                .hasMessageContaining("not base64");
        assertThatThrownBy(() -> box(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(InvalidSecretKeyException.class)
                .hasMessageContaining("32 bytes")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void aSignatureIsTheSameUnderTheSameKeyAndPurposeAndDiffersUnderAnotherKeyPurposeOrText() {
        String signature = box(KEY).sign("thinking text", "simulator-thinking");

        assertThat(box(KEY).sign("thinking text", "simulator-thinking"))
                .as("another instance with the same key, as after a restart, signs alike")
                .isEqualTo(signature);
        assertThat(box(OTHER_KEY).sign("thinking text", "simulator-thinking"))
                .as("another installation's key")
                .isNotEqualTo(signature);
        assertThat(box(KEY).sign("thinking text", "another-purpose"))
                .as("a signature made for one purpose is worthless for another")
                .isNotEqualTo(signature);
        assertThat(box(KEY).sign("thinking text.", "simulator-thinking")).isNotEqualTo(signature);
        assertThat(Base64.getUrlDecoder().decode(signature))
                .as("an HMAC-SHA256")
                .hasSize(32);
    }

    private SecretBox box(String key) {
        return new SecretBox(new SecretProperties(key, dir.resolve("unused.key")));
    }
}
