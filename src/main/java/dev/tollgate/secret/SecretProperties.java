package dev.tollgate.secret;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the sealing key comes from ({@code tollgate.secret.*}).
 *
 * @param key the key as base64 of 32 bytes ({@code TOLLGATE_SECRET_KEY}); when empty, {@code keyFile} is used
 * @param keyFile the file holding the generated key; created with owner-only permissions on first start
 */
@ConfigurationProperties("tollgate.secret")
record SecretProperties(
        @DefaultValue("") String key,
        @DefaultValue("./data/secret.key") Path keyFile) {

    @Override
    public String toString() {
        return "SecretProperties[key=" + (key.isEmpty() ? "unset" : "******") + ", keyFile=" + keyFile + "]";
    }
}
