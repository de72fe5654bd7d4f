package dev.tollgate.portal.gallery;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamMembership;
import dev.tollgate.account.TeamService;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.calls.ImagePipeline;
import dev.tollgate.media.MediaId;
import dev.tollgate.media.MediaItem;
import dev.tollgate.media.MediaKind;
import dev.tollgate.media.MediaQuery;
import dev.tollgate.media.MediaService;
import dev.tollgate.portal.BackgroundWork;
import dev.tollgate.portal.CurrentTeam;
import dev.tollgate.portal.ViewHeader;
import jakarta.annotation.security.PermitAll;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The team's images, newest first, in a responsive grid that loads more as it is scrolled (thumbnails load lazily
 * too), so it stays quick with thousands of images. Search by prompt, filter by model and date; a card opens the
 * image's detail with download, reuse, edit and delete.
 */
@Route("gallery")
@PageTitle("Gallery · Tollgate")
@PermitAll
public class GalleryView extends VerticalLayout implements BeforeEnterObserver {

    public static final int PAGE_SIZE = 48;

    private final MediaService media;
    private final ImagePipeline pipeline;
    private final BackgroundWork background;
    private final TeamAccess access;
    private final ImageMakers makers;
    private final @Nullable TeamMembership team;
    private final TextField search = new TextField();
    private final ComboBox<String> model = new ComboBox<>();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final Span total = new Span();
    private final Div grid = new Div();
    private final Div sentinel = new Div();
    private final Div empty = new Div();
    private @Nullable MediaItem last;
    private boolean exhausted;

    GalleryView(
            MediaService media,
            ImagePipeline pipeline,
            CurrentTeam currentTeam,
            BackgroundWork background,
            TeamAccess access,
            ApiKeyService keys,
            TeamService teams) {
        this.media = media;
        this.makers = new ImageMakers(keys, teams);
        this.pipeline = pipeline;
        this.background = background;
        this.access = access;
        this.team = currentTeam.get().orElse(null);
        if (team == null) {
            add(new ViewHeader("Gallery", "You are not a member of any team yet. Ask a platform admin to add you."));
            return;
        }
        Button create = new Button(
                "New image",
                VaadinIcon.PLUS.create(),
                e -> getUI().ifPresent(ui -> ui.navigate("playground?tab=image")));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new ViewHeader(
                "Gallery", "Images " + team.team().name() + " made, through the API or the playground.", create));
        add(filters());
        grid.setId("gallery-grid");
        grid.addClassName("gallery-grid");
        sentinel.addClassName("gallery-sentinel");
        empty.addClassName("empty-state");
        empty.setId("gallery-empty");
        empty.setVisible(false);
        add(grid, empty, sentinel);
        setSizeFull();
        addClassName("gallery-view");
        reload();
    }

    /** The gallery with one image's detail open. */
    public static String link(MediaId image) {
        return "gallery?image=" + image;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (team == null) {
            return;
        }
        event.getLocation()
                .getQueryParameters()
                .getSingleParameter("image")
                .flatMap(MediaId::tryParse)
                .flatMap(id -> media.find(team.team().id(), id))
                .ifPresent(this::openDetail);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        // ask for the next page whenever the end of the grid scrolls into view
        getElement().executeJs("""
                const view = this;
                const sentinel = view.querySelector('.gallery-sentinel');
                if (view.__galleryObserver) { view.__galleryObserver.disconnect(); }
                view.__galleryObserver = new IntersectionObserver(entries => {
                    if (entries.some(e => e.isIntersecting)) { view.$server.loadMore(); }
                }, {rootMargin: '600px'});
                view.__galleryObserver.observe(sentinel);""");
    }

    @ClientCallable
    void loadMore() {
        if (team == null || exhausted) {
            return;
        }
        List<MediaItem> page = media.page(team.team().id(), query(), last, PAGE_SIZE);
        Function<MediaItem, String> madeBy = makers.of(team.team().id(), page);
        page.forEach(item -> grid.add(new GalleryCard(item, madeBy.apply(item), this::openDetail)));
        if (!page.isEmpty()) {
            last = page.getLast();
        }
        exhausted = page.size() < PAGE_SIZE;
    }

    void reload() {
        if (team == null) {
            return;
        }
        grid.removeAll();
        last = null;
        exhausted = false;
        MediaQuery query = query();
        long count = media.count(team.team().id(), query);
        total.setText(count == 1 ? "1 image" : count + " images");
        boolean filtered =
                query.text() != null || query.model() != null || query.from() != null || query.until() != null;
        empty.setText(
                filtered
                        ? "No images match these filters."
                        : "No images yet. Make one in the playground, or through the API with POST /v1/images/generations.");
        empty.setVisible(count == 0);
        loadMore();
    }

    private HorizontalLayout filters() {
        search.setPlaceholder("Search prompts");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setId("gallery-search");
        search.addValueChangeListener(e -> reload());
        model.setPlaceholder("All models");
        model.setClearButtonVisible(true);
        model.setItems(team == null ? List.of() : media.models(team.team().id(), MediaKind.IMAGE));
        model.setId("gallery-model");
        model.setWidth("22rem");
        model.addValueChangeListener(e -> reload());
        from.setPlaceholder("From");
        from.setClearButtonVisible(true);
        from.setId("gallery-from");
        from.addValueChangeListener(e -> reload());
        to.setPlaceholder("To");
        to.setClearButtonVisible(true);
        to.setId("gallery-to");
        to.addValueChangeListener(e -> reload());
        total.setId("gallery-total");
        total.addClassName("section-note");
        HorizontalLayout bar = new HorizontalLayout(search, model, from, to, total);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.setWidthFull();
        bar.addClassName("gallery-filters");
        search.setWidth("18rem");
        return bar;
    }

    private MediaQuery query() {
        String text = search.getValue();
        LocalDate fromDate = from.getValue();
        LocalDate toDate = to.getValue();
        return new MediaQuery(
                MediaKind.IMAGE,
                text == null || text.isBlank() ? null : text,
                model.getValue(),
                fromDate == null ? null : fromDate.atStartOfDay().toInstant(ZoneOffset.UTC),
                toDate == null ? null : toDate.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    private void openDetail(MediaItem item) {
        if (team == null) {
            return;
        }
        TeamId shown = team.team().id();
        Function<MediaItem, String> makerOf =
                image -> makers.of(shown, List.of(image)).apply(image);
        new ImageDetailDialog(item, makerOf, media, pipeline, background, access, this::changed).open();
    }

    /** After a delete or an edit: show the gallery as it now is, the new image included. */
    private void changed(@Nullable MediaItem made) {
        model.setItems(team == null ? List.of() : media.models(team.team().id(), MediaKind.IMAGE));
        reload();
    }
}
