package dev.tollgate.account;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform admin created on first start ({@code TOLLGATE_ADMIN_EMAIL}, {@code TOLLGATE_ADMIN_PASSWORD}). Without
 * a password one is generated and written to {@code passwordFile}, readable by its owner only, until it is changed.
 */
@ConfigurationProperties("tollgate.admin")
public record AccountProperties(
        @DefaultValue("admin@tollgate.local") String email,
        @Nullable String password,
        @DefaultValue("Default") String defaultTeam,
        @DefaultValue("./data/admin-password.txt") Path passwordFile) {

    GeneratedPasswordFile generatedPasswordFile() {
        return new GeneratedPasswordFile(passwordFile);
    }
}
