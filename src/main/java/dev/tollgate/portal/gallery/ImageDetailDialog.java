package dev.tollgate.portal.gallery;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import dev.tollgate.account.TeamAccess;
import dev.tollgate.calls.CallRefusedException;
import dev.tollgate.calls.ImageCall;
import dev.tollgate.calls.ImagePipeline;
import dev.tollgate.calls.ImageResult;
import dev.tollgate.media.MediaItem;
import dev.tollgate.media.MediaService;
import dev.tollgate.portal.BackgroundWork;
import dev.tollgate.portal.BalanceChanged;
import dev.tollgate.portal.DisplayFormats;
import dev.tollgate.portal.Fact;
import dev.tollgate.portal.Notices;
import dev.tollgate.portal.RefusalWording;
import dev.tollgate.portal.WorkProgress;
import dev.tollgate.portal.playground.PlaygroundView;
import dev.tollgate.provider.InputImage;
import dev.tollgate.web.RequestIds;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One image: the full picture, how it was made and what it cost, a download, and what can be done with it next —
 * reuse its prompt in the playground, edit it with a new prompt (through the same pipeline as the API), or delete it.
 */
final class ImageDetailDialog extends Dialog {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ImageDetailDialog.class);

    /** The largest stored image an edit reads back. */
    private static final long LARGEST_EDIT_SOURCE = 64L * 1024 * 1024;

    private MediaItem item;
    private final Function<MediaItem, String> makerOf;
    private final MediaService media;
    private final ImagePipeline pipeline;
    private final BackgroundWork background;
    private final TeamAccess access;
    private final Consumer<@Nullable MediaItem> changed;
    private final TextArea editPrompt = new TextArea("New prompt");
    private final Button applyEdit = new Button("Edit image", VaadinIcon.MAGIC.create());
    private final WorkProgress progress = new WorkProgress();
    private final Button delete = new Button("Delete", VaadinIcon.TRASH.create());

    ImageDetailDialog(
            MediaItem item,
            Function<MediaItem, String> makerOf,
            MediaService media,
            ImagePipeline pipeline,
            BackgroundWork background,
            TeamAccess access,
            Consumer<@Nullable MediaItem> changed) {
        this.item = item;
        this.makerOf = makerOf;
        this.media = media;
        this.pipeline = pipeline;
        this.background = background;
        this.access = access;
        this.changed = changed;
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        delete.setId("image-detail-delete");
        delete.addClickListener(e -> confirmDelete());
        setHeaderTitle("Image");
        setId("image-detail");
        addClassName("image-detail");
        setWidth("min(72rem, 96vw)");
        editPrompt.setId("image-detail-edit-prompt");
        editPrompt.setPlaceholder("What should change? e.g. make it night, add snow");
        editPrompt.setWidthFull();
        editPrompt.setMaxLength(ImagePipeline.LONGEST_PROMPT);
        applyEdit.setId("image-detail-edit");
        applyEdit.addClickListener(e -> edit());
        Button close = new Button("Close", e -> close());
        close.setId("image-detail-close");
        getFooter().add(delete, close);
        show(item);
    }

    /** Shows an image: the one opened, or the edit just made of it. */
    private void show(MediaItem shown) {
        this.item = shown;
        removeAll();
        delete.setVisible(media.canDelete(item));
        editPrompt.clear();
        applyEdit.setEnabled(true);

        Image full = new Image(item.path(), item.prompt());
        full.addClassName("image-detail-picture");
        full.setId("image-detail-picture");
        Div picture = new Div(full);
        picture.addClassName("image-detail-frame");

        Paragraph prompt = new Paragraph(item.prompt());
        prompt.addClassName("image-detail-prompt");
        prompt.setId("image-detail-prompt");
        prompt.setTitle(item.prompt());
        VerticalLayout facts = new VerticalLayout(
                prompt,
                new Fact("Model", item.model()),
                new Fact("Made by", makerOf.apply(item)),
                new Fact("Resolution", item.resolutionLabel()),
                new Fact("Cost", DisplayFormats.cost(item.cost())),
                new Fact("Created", DisplayFormats.dateTime(item.createdAt())),
                new Fact("Size", humanBytes(item.bytes())));
        facts.setPadding(false);
        facts.setSpacing(false);

        Anchor download = new Anchor(item.path() + "?download=1", "Download");
        download.getElement().setAttribute("download", true);
        download.setId("image-detail-download");
        download.addClassName("image-detail-download");
        Button reuse = new Button("Reuse prompt", VaadinIcon.REPLY.create(), e -> reuse());
        reuse.setId("image-detail-reuse");
        HorizontalLayout actions = new HorizontalLayout(download, reuse);
        actions.setAlignItems(FlexComponent.Alignment.CENTER);

        Span editCost = new Span("An edit costs what a new image of this model costs.");
        editCost.addClassName("section-note");
        VerticalLayout editing = new VerticalLayout(editPrompt, editCost, applyEdit, progress);
        editing.setPadding(false);
        editing.addClassName("image-detail-edit");

        VerticalLayout side = new VerticalLayout(facts, actions, editing);
        side.setPadding(false);
        side.setWidth("22rem");
        side.addClassName("image-detail-side");
        HorizontalLayout body = new HorizontalLayout(picture, side);
        body.setWidthFull();
        body.setFlexGrow(1, picture);
        add(body);
    }

    private void reuse() {
        close();
        UI.getCurrent().navigate(PlaygroundView.imageLink(item.model(), item.prompt()));
    }

    private void edit() {
        String text = editPrompt.getValue();
        if (text == null || text.isBlank()) {
            editPrompt.setInvalid(true);
            editPrompt.setErrorMessage("Say what should change");
            return;
        }
        editPrompt.setInvalid(false);
        applyEdit.setEnabled(false);
        progress.start("Editing", "usually a few seconds");
        UI ui = UI.getCurrent();
        String requestId = RequestIds.next();
        background.start("image-edit-" + requestId, () -> {
            try {
                byte[] source = media.read(item.team(), item.id(), LARGEST_EDIT_SOURCE);
                InputImage input = InputImage.of(source)
                        .orElseThrow(() -> new IllegalStateException("A stored image is a PNG, JPEG or WebP"));
                ImageResult result = pipeline.execute(ImageCall.fromPortal(
                        requestId,
                        item.team(),
                        access.currentUserId().orElse(null),
                        item.model(),
                        text,
                        1,
                        List.of(input),
                        item.id()));
                ui.access(() -> edited(result.images().getFirst()));
            } catch (CallRefusedException refused) {
                ui.access(() -> failed(RefusalWording.of(refused.refusal())));
            } catch (RuntimeException unexpected) {
                log.error("Image edit {} failed", requestId, unexpected);
                ui.access(() -> failed("The edit could not be made. Try again in a moment."));
            }
        });
    }

    private void edited(MediaItem result) {
        progress.stop();
        BalanceChanged.fire();
        changed.accept(result);
        show(result);
    }

    private void failed(String message) {
        progress.stop();
        applyEdit.setEnabled(true);
        BalanceChanged.fire();
        Notices.failed(message);
    }

    private void confirmDelete() {
        ConfirmDialog confirm = new ConfirmDialog(
                "Delete this image?",
                "The image and its thumbnail are removed for good, and its link stops working. What it cost is not"
                        + " refunded.",
                "Delete",
                e -> delete());
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.setId("image-delete-confirm");
        confirm.open();
    }

    private void delete() {
        try {
            media.delete(item.team(), item.id());
            close();
            changed.accept(null);
            Notices.done("Image deleted");
        } catch (RuntimeException e) {
            Notices.failed(e.getMessage());
        }
    }

    private static String humanBytes(long bytes) {
        if (bytes < 1024 * 1024) {
            return (bytes + 1023) / 1024 + " KB";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
