package dev.tollgate.fetch;

import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a URL served: its bytes, the {@code Content-Type} it declared (unchecked, as sent), the URL it was finally read
 * from after redirects, and the 2xx status it answered with.
 */
public record FetchedContent(byte[] bytes, @Nullable String contentType, URI finalUrl, int status) {

    public FetchedContent {
        Objects.requireNonNull(bytes);
        Objects.requireNonNull(finalUrl);
    }

    @Override
    public String toString() {
        return "FetchedContent[" + status + ", " + bytes.length + " bytes, " + contentType + ", " + finalUrl + "]";
    }
}
