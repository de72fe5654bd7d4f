package dev.tollgate.calls;

import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.media.MediaItem;
import dev.tollgate.money.Credits;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What an image request produced: the stored images in order, their revised prompts, and what was charged. */
public record ImageResult(
        String requestId,
        CatalogModel model,
        List<MediaItem> images,
        List<@Nullable String> revisedPrompts,
        Credits charged) {

    public ImageResult {
        images = List.copyOf(images);
        revisedPrompts = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(revisedPrompts));
    }
}
