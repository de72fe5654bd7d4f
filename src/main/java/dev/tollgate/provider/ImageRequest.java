package dev.tollgate.provider;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.Resolution;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an image upstream is asked to produce: {@code count} images of the model's one resolution from the prompt, or,
 * when {@code inputs} is not empty, edits of those images (the optional {@code mask} applies to the first; its
 * transparent pixels mark what may change).
 */
public record ImageRequest(
        ModelId model,
        String prompt,
        Resolution resolution,
        int count,
        List<InputImage> inputs,
        @Nullable InputImage mask) {

    public ImageRequest {
        Objects.requireNonNull(model);
        Objects.requireNonNull(prompt);
        Objects.requireNonNull(resolution);
        inputs = List.copyOf(inputs);
        if (count < 1) {
            throw new IllegalArgumentException("At least one image is asked for");
        }
        if (mask != null && inputs.isEmpty()) {
            throw new IllegalArgumentException("A mask belongs to an edit");
        }
    }

    public static ImageRequest generation(ModelId model, String prompt, Resolution resolution, int count) {
        return new ImageRequest(model, prompt, resolution, count, List.of(), null);
    }

    public boolean isEdit() {
        return !inputs.isEmpty();
    }
}
