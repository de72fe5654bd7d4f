package dev.tollgate.admin;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The master key for the admin API; the API answers 401 to everything while it is unset. */
@ConfigurationProperties("tollgate.admin-api")
record AdminApiProperties(@Nullable String masterKey) {

    boolean enabled() {
        return masterKey != null && !masterKey.isBlank();
    }
}
