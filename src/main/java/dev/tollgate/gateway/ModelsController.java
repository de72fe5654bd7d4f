package dev.tollgate.gateway;

import dev.tollgate.apikey.AuthenticatedKey;
import dev.tollgate.catalog.Catalog;
import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.ModelAvailability;
import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/models}: the models the calling key may use and that something serves (with the simulator off, only
 * models an enabled channel serves are listed).
 */
@RestController
@RequestMapping({"/v1/models", "/api/v1/models"})
class ModelsController {

    private final Catalog catalog;
    private final ModelAvailability availability;

    ModelsController(Catalog catalog, ModelAvailability availability) {
        this.catalog = catalog;
        this.availability = availability;
    }

    /** OpenAI SDKs read the whole list; Anthropic SDKs page with {@code limit}, {@code after_id}, {@code before_id}. */
    @GetMapping
    ModelList list(
            @AuthenticationPrincipal AuthenticatedKey key,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(name = "after_id", required = false) @Nullable String afterId,
            @RequestParam(name = "before_id", required = false) @Nullable String beforeId) {
        List<ModelObject> visible = catalog.all().stream()
                .filter(model -> key.allows(model.id()))
                .filter(availability::isServed)
                .map(ModelObject::of)
                .toList();
        return ModelPage.of(visible, limit, afterId, beforeId);
    }

    /** {@code {*id}} takes the rest of the path, so both {@code aws/claude-…} and {@code aws%2Fclaude-…} arrive whole. */
    @GetMapping("/{*id}")
    ModelObject retrieve(@AuthenticationPrincipal AuthenticatedKey key, @PathVariable String id) {
        String requested = id.startsWith("/") ? id.substring(1) : id;
        CatalogModel model = ModelId.tryParse(requested)
                .filter(key::allows)
                .flatMap(catalog::find)
                .orElseThrow(() -> new ApiException(ApiError.notFound(
                        "model_not_found",
                        "The model '" + requested + "' does not exist or is not available to this API key.")));
        return ModelObject.of(model);
    }
}
