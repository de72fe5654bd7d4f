package dev.tollgate.portal.pricing;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.tollgate.catalog.Catalog;
import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.catalog.ModelAlias;
import dev.tollgate.catalog.ModelAliases;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.ModelKind;
import dev.tollgate.money.Credits;
import dev.tollgate.portal.DisplayFormats;
import dev.tollgate.portal.ViewHeader;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The price list, in the three tables of the product documentation. Each chat model also shows the other ids it
 * answers to (its aliases: the vendors' native and dated ids), which is what clients such as Claude Code ask for.
 */
@Route("pricing")
@PageTitle("Pricing · Tollgate")
@PermitAll
class PricingView extends VerticalLayout {

    PricingView(Catalog catalog, ModelAliases aliases) {
        Map<ModelId, List<String>> aliasesByModel = aliases.list().stream()
                .collect(Collectors.groupingBy(
                        ModelAlias::model,
                        Collectors.mapping(alias -> alias.alias().value(), Collectors.toList())));
        add(new ViewHeader("Pricing", "Every model you can call, and what it costs in Cr$."));
        add(section(
                "Chat models",
                "Per 1M tokens. Cache reads cost 0.53× the input price, cache writes 1.25× (kept five minutes) or 2×"
                        + " (kept an hour, \"ttl\": \"1h\"). Context up to 1M tokens;"
                        + " a request may ask for at most the model's max output (max_tokens).",
                chatGrid(catalog.ofKind(ModelKind.CHAT), aliasesByModel)));
        add(section(
                "Image generation",
                "Fixed cost per request. Each model renders at one fixed resolution; a request for another size is rejected.",
                imageGrid(catalog.ofKind(ModelKind.IMAGE), Map.of())));
        add(section(
                "Video generation",
                "Fixed cost per request. Jobs run asynchronously: create, then poll until completed.",
                videoGrid(catalog.ofKind(ModelKind.VIDEO), Map.of())));
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

    private static Grid<CatalogModel> chatGrid(List<CatalogModel> models, Map<ModelId, List<String>> aliases) {
        Grid<CatalogModel> grid = baseGrid(models, "chat-prices", aliases);
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

    private static Grid<CatalogModel> imageGrid(List<CatalogModel> models, Map<ModelId, List<String>> aliases) {
        Grid<CatalogModel> grid = baseGrid(models, "image-prices", aliases);
        grid.addColumn(model ->
                        model.resolution() == null ? "" : model.resolution().label())
                .setHeader("Resolution")
                .setAutoWidth(true);
        price(grid, "Price / request", CatalogModel::requireRequestPrice);
        return grid;
    }

    private static Grid<CatalogModel> videoGrid(List<CatalogModel> models, Map<ModelId, List<String>> aliases) {
        Grid<CatalogModel> grid = baseGrid(models, "video-prices", aliases);
        price(grid, "Price / request", CatalogModel::requireRequestPrice);
        return grid;
    }

    private static Grid<CatalogModel> baseGrid(
            List<CatalogModel> models, String id, Map<ModelId, List<String>> aliases) {
        Grid<CatalogModel> grid = new Grid<>();
        grid.setId(id);
        var modelIds = grid.addComponentColumn(model -> modelId(model, aliases.getOrDefault(model.id(), List.of())))
                .setHeader("Model ID")
                .setFlexGrow(1);
        if (aliases.isEmpty()) {
            modelIds.setAutoWidth(true);
        } else {
            // sized for the ids, so that a model's list of aliases wraps under its id instead of widening the table
            modelIds.setWidth("14rem");
        }
        grid.addColumn(CatalogModel::name).setHeader("Name").setAutoWidth(true).setFlexGrow(1);
        grid.setItems(models);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        return grid;
    }

    private static Div modelId(CatalogModel model, List<String> aliases) {
        Span code = new Span(model.id().value());
        code.addClassName("model-id");
        Div cell = new Div(code);
        if (!aliases.isEmpty()) {
            Div also = new Div(new Span("also"));
            also.addClassName("model-aliases");
            aliases.forEach(alias -> also.add(new Span(alias)));
            cell.add(also);
        }
        return cell;
    }

    private static void price(Grid<CatalogModel> grid, String header, Function<CatalogModel, Credits> price) {
        grid.addColumn(model -> DisplayFormats.exactMoney(price.apply(model)))
                .setHeader(header)
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
    }
}
