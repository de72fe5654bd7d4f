package dev.tollgate.provider;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One image an upstream produced, as written to its {@link ImageSink} stream. */
public record GeneratedImage(
        ImageFormat format, int width, int height, @Nullable String revisedPrompt) {

    public GeneratedImage {
        Objects.requireNonNull(format);
    }
}
