package dev.tollgate.provider;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An image in a message: inline base64 data with its media type, or a URL the upstream fetches. The gateway does not
 * fetch URLs itself for chat.
 */
public record ImagePart(
        @Nullable String mediaType,
        @Nullable String base64Data,
        @Nullable String url,
        boolean cacheBreakpoint,
        CacheTtl cacheTtl)
        implements ContentPart {

    public ImagePart {
        if ((base64Data == null) == (url == null)) {
            throw new IllegalArgumentException("An image has either inline data or a URL");
        }
        Objects.requireNonNull(cacheTtl);
    }

    public ImagePart(
            @Nullable String mediaType, @Nullable String base64Data, @Nullable String url, boolean cacheBreakpoint) {
        this(mediaType, base64Data, url, cacheBreakpoint, CacheTtl.FIVE_MINUTES);
    }
}
