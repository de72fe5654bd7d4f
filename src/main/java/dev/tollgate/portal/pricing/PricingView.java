package dev.tollgate.portal.pricing;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.tollgate.catalog.Catalog;
import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.catalog.ModelKind;
import dev.tollgate.money.Credits;
import dev.tollgate.portal.ViewHeader;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.function.Function;

/** The price list, in the three tables of the product documentation. */
@Route("pricing")
@PageTitle("Pricing · Tollgate")
@PermitAll
class PricingView extends VerticalLayout {

    PricingView(Catalog catalog) {
        add(new ViewHeader("Pricing", "Every model you can call, and what it costs in Cr$."));
        add(section(
                "Chat models",
                "Per 1M tokens. Cache reads cost 0.53× the input price, cache writes 1.25× (kept five minutes) or 2×"
                        + " (kept an hour, \"ttl\": \"1h\"). Context up to 1M tokens;"
                        + " a request may ask for at most the model's max output (max_tokens).",
                chatGrid(catalog.ofKind(ModelKind.CHAT))));
        add(section(
                "Image generation",
                "Fixed cost per request. Each model renders at one fixed resolution; a request for another size is rejected.",
                imageGrid(catalog.ofKind(ModelKind.IMAGE))));
        add(section(
                "Video generation",
                "Fixed cost per request. Jobs run asynchronously: create, then poll until completed.",
                videoGrid(catalog.ofKind(ModelKind.VIDEO))));
        setPadding(true);
        addClassName("pricing-view");
    }

    private static VerticalLayout section(String title, String note, Grid<CatalogModel> grid) {
        Paragraph description = new Paragraph(note);
        description.addClassName("section-note");
        VerticalLayout section = new VerticalLayout(new H3(title), description, grid);
        section.setPadding(false);
        section.setSpacing(false);
        section.addClassName("price-section");
        return section;
    }

    private static Grid<CatalogModel> chatGrid(List<CatalogModel> models) {
        Grid<CatalogModel> grid = baseGrid(models, "chat-prices");
        price(grid, "Input / 1M", model -> model.requireTokenPricing().inputPerMillion());
        price(grid, "Output / 1M", model -> model.requireTokenPricing().outputPerMillion());
        price(grid, "Cache read / 1M", model -> model.requireTokenPricing().cacheReadPerMillion());
        price(grid, "Cache write / 1M", model -> model.requireTokenPricing().cacheWritePerMillion());
        price(grid, "Cache write 1h / 1M", model -> model.requireTokenPricing().cacheWrite1hPerMillion());
        grid.addColumn(model -> String.format("%,d", model.contextWindow()))
                .setHeader("Context")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(model -> String.format("%,d", model.requireMaxOutputTokens()))
                .setHeader("Max output")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        return grid;
    }

    private static Grid<CatalogModel> imageGrid(List<CatalogModel> models) {
        Grid<CatalogModel> grid = baseGrid(models, "image-prices");
        grid.addColumn(model ->
                        model.resolution() == null ? "" : model.resolution().label())
                .setHeader("Resolution")
                .setAutoWidth(true);
        price(grid, "Price / request", CatalogModel::requireRequestPrice);
        return grid;
    }

    private static Grid<CatalogModel> videoGrid(List<CatalogModel> models) {
        Grid<CatalogModel> grid = baseGrid(models, "video-prices");
        price(grid, "Price / request", CatalogModel::requireRequestPrice);
        return grid;
    }

    private static Grid<CatalogModel> baseGrid(List<CatalogModel> models, String id) {
        Grid<CatalogModel> grid = new Grid<>();
        grid.setId(id);
        grid.addComponentColumn(model -> {
                    Span code = new Span(model.id().value());
                    code.addClassName("model-id");
                    return code;
                })
                .setHeader("Model ID")
                .setAutoWidth(true)
                .setFlexGrow(1);
        grid.addColumn(CatalogModel::name).setHeader("Name").setAutoWidth(true).setFlexGrow(1);
        grid.setItems(models);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        return grid;
    }

    private static void price(Grid<CatalogModel> grid, String header, Function<CatalogModel, Credits> price) {
        grid.addColumn(model -> price.apply(model).toPlainString())
                .setHeader(header)
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
    }
}
