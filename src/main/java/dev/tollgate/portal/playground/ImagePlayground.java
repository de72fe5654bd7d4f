package dev.tollgate.portal.playground;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamMembership;
import dev.tollgate.calls.CallRefusedException;
import dev.tollgate.calls.ImageCall;
import dev.tollgate.calls.ImagePipeline;
import dev.tollgate.calls.ImageResult;
import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.media.MediaItem;
import dev.tollgate.money.Credits;
import dev.tollgate.portal.BackgroundWork;
import dev.tollgate.portal.BalanceChanged;
import dev.tollgate.portal.DisplayFormats;
import dev.tollgate.portal.Notices;
import dev.tollgate.portal.RefusalWording;
import dev.tollgate.portal.WorkProgress;
import dev.tollgate.portal.gallery.GalleryView;
import dev.tollgate.web.RequestIds;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The playground's image tab: pick an image model (its fixed resolution and price shown), write a prompt, and watch
 * the render; results land in the gallery, like images made through the API.
 */
final class ImagePlayground extends HorizontalLayout {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ImagePlayground.class);

    private final ImagePipeline pipeline;
    private final TeamMembership team;
    private final BackgroundWork background;
    private final TeamAccess access;
    private final Select<CatalogModel> model = new Select<>();
    private final Select<Integer> count = new Select<>();
    private final Span price = new Span();
    private final TextArea prompt = new TextArea("Prompt");
    private final Button generate = new Button("Generate", VaadinIcon.MAGIC.create());
    private final WorkProgress progress = new WorkProgress();
    private final Div results = new Div();

    ImagePlayground(ImagePipeline pipeline, TeamMembership team, BackgroundWork background, TeamAccess access) {
        this.pipeline = pipeline;
        this.team = team;
        this.background = background;
        this.access = access;
        List<CatalogModel> models = pipeline.models();
        model.setLabel("Image model");
        model.setItems(models);
        model.setItemLabelGenerator(CatalogModel::name);
        model.setId("image-model");
        model.setWidthFull();
        model.addValueChangeListener(e -> showPrice());
        models.stream().findFirst().ifPresent(model::setValue);
        count.setLabel("Images");
        count.setItems(1, 2, 3, 4);
        count.setValue(1);
        count.setId("image-count");
        count.setWidthFull();
        count.addValueChangeListener(e -> showPrice());
        price.setId("image-price");
        price.addClassName("section-note");
        showPrice();
        VerticalLayout settings = new VerticalLayout(new H4("Settings"), model, count, price);
        settings.setPadding(false);
        settings.setWidth(
                null); // the stylesheet sizes it: beside the prompt on a wide screen, above it on a narrow one
        settings.addClassName("playground-settings");

        prompt.setId("image-prompt");
        prompt.setPlaceholder("A lighthouse on a cliff at dawn, watercolour");
        prompt.setWidthFull();
        prompt.setMinHeight("7rem");
        prompt.setMaxLength(ImagePipeline.LONGEST_PROMPT);
        generate.setId("image-generate");
        generate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        generate.addClickListener(e -> start());
        progress.setId("image-progress");
        results.setId("image-results");
        results.addClassName("image-results");
        VerticalLayout work = new VerticalLayout(prompt, generate, progress, results);
        work.setPadding(false);
        work.addClassName("image-work");
        add(settings, work);
        setFlexGrow(1, work);
        setSizeFull();
        addClassName("image-playground");
    }

    void prefill(@Nullable String modelId, @Nullable String text) {
        if (modelId != null) {
            pipeline.models().stream()
                    .filter(m -> m.id().value().equals(modelId))
                    .findFirst()
                    .ifPresent(model::setValue);
        }
        if (text != null) {
            prompt.setValue(text);
        }
    }

    private void showPrice() {
        CatalogModel chosen = model.getValue();
        if (chosen == null || chosen.resolution() == null) {
            price.setText("");
            return;
        }
        int n = count.getValue() == null ? 1 : count.getValue();
        Credits total = chosen.requireRequestPrice().times(BigDecimal.valueOf(n));
        price.setText(chosen.resolution().label() + " (fixed) · "
                + DisplayFormats.exactMoney(chosen.requireRequestPrice()) + " per image · this request "
                + DisplayFormats.exactMoney(total));
    }

    private void start() {
        CatalogModel chosen = model.getValue();
        String text = prompt.getValue();
        if (chosen == null || text == null || text.isBlank()) {
            prompt.setInvalid(true);
            prompt.setErrorMessage("Describe the image you want");
            return;
        }
        prompt.setInvalid(false);
        ImageCall call = ImageCall.fromPortal(
                RequestIds.next(),
                team.team().id(),
                access.currentUserId().orElse(null),
                chosen.id().value(),
                text,
                count.getValue() == null ? 1 : count.getValue(),
                List.of(),
                null);
        generate.setEnabled(false);
        progress.start("Rendering " + chosen.resolution().label(), "usually a few seconds");
        UI ui = UI.getCurrent();
        background.start("image-" + call.requestId(), () -> {
            try {
                ImageResult result = pipeline.execute(call);
                ui.access(() -> show(result));
            } catch (CallRefusedException refused) {
                ui.access(() -> failed(RefusalWording.of(refused.refusal())));
            } catch (RuntimeException unexpected) {
                log.error("Image request {} failed", call.requestId(), unexpected);
                ui.access(() -> failed("The image could not be made. Try again in a moment."));
            }
        });
    }

    private void show(ImageResult result) {
        progress.stop();
        generate.setEnabled(true);
        results.removeAll();
        for (MediaItem image : result.images()) {
            Image picture = new Image(image.path(), image.prompt());
            picture.addClassName("image-result");
            Anchor open = new Anchor(GalleryView.link(image.id()), "Open in gallery");
            open.setId("image-open-" + image.id());
            open.addClassName("image-result-link");
            Span caption = new Span(image.resolutionLabel() + " · " + DisplayFormats.cost(image.cost()));
            caption.addClassName("section-note");
            Div card = new Div(picture, new HorizontalLayout(open, caption));
            card.addClassName("image-result-card");
            results.add(card);
        }
        Notices.done("Charged " + DisplayFormats.cost(result.charged()));
        BalanceChanged.fire();
    }

    private void failed(String message) {
        progress.stop();
        generate.setEnabled(true);
        Notices.failed(message);
        BalanceChanged.fire();
    }
}
