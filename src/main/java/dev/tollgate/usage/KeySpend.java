package dev.tollgate.usage;

import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.money.Credits;
import org.jspecify.annotations.Nullable;

/** What one key's requests cost; no key (and no name) for requests made in the portal. */
public record KeySpend(@Nullable ApiKeyId key, @Nullable String keyName, long requests, Credits spend) {}
