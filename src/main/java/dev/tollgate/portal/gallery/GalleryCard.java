package dev.tollgate.portal.gallery;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import dev.tollgate.media.MediaItem;
import dev.tollgate.portal.DisplayFormats;
import java.util.function.Consumer;

/**
 * One image in the gallery grid: its thumbnail (loaded lazily by the browser) and a short caption — the prompt cut to
 * two lines (whole on hover and in the detail), the model, the day, and who made it.
 */
final class GalleryCard extends Div {

    GalleryCard(MediaItem item, String madeBy, Consumer<MediaItem> open) {
        Image thumbnail = new Image(item.thumbnailPath(), item.prompt());
        thumbnail.getElement().setAttribute("loading", "lazy");
        thumbnail.addClassName("gallery-thumbnail");
        Span prompt = new Span(item.prompt());
        prompt.addClassName("gallery-prompt");
        Span meta = new Span(shortModel(item.model()) + " · " + DisplayFormats.date(item.createdAt()));
        meta.addClassName("gallery-meta");
        Span maker = new Span("By " + madeBy);
        maker.addClassName("gallery-maker");
        Div caption = new Div(prompt, meta, maker);
        caption.addClassName("gallery-caption");
        add(thumbnail, caption);
        addClassName("gallery-card");
        setId("gallery-card-" + item.id());
        getElement().setAttribute("role", "button");
        getElement().setAttribute("tabindex", "0");
        getElement().setAttribute("title", item.prompt() + "\nBy " + madeBy);
        addClickListener(e -> open.accept(item));
    }

    private static String shortModel(String model) {
        int slash = model.lastIndexOf('/');
        return slash < 0 ? model : model.substring(slash + 1);
    }
}
