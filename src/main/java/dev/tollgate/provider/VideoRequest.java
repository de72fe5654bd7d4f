package dev.tollgate.provider;

import dev.tollgate.catalog.ModelId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a video upstream is asked to make: a clip of {@code seconds} at {@code width}×{@code height} from the prompt,
 * optionally starting from a reference image.
 */
public record VideoRequest(
        ModelId model,
        String prompt,
        int seconds,
        int width,
        int height,
        @Nullable InputImage reference) {

    public VideoRequest {
        Objects.requireNonNull(model);
        Objects.requireNonNull(prompt);
        if (seconds < 1 || width < 1 || height < 1) {
            throw new IllegalArgumentException("A video has a length and a size");
        }
    }
}
