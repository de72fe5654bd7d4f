package dev.tollgate.admin;

import dev.tollgate.web.BearerToken;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The master key for the admin API; the API answers 401 to everything while it is unset. */
@ConfigurationProperties("tollgate.admin-api")
record AdminApiProperties(@Nullable String masterKey) {

    /** The master key as callers present it, or null while the admin API is disabled. */
    @Nullable
    BearerToken bearerToken() {
        return masterKey == null || masterKey.isBlank() ? null : new BearerToken(masterKey);
    }
}
