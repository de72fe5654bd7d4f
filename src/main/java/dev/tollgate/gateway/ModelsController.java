package dev.tollgate.gateway;

import dev.tollgate.apikey.AuthenticatedKey;
import dev.tollgate.catalog.Catalog;
import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.provider.ModelAvailability;
import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
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
 * models an enabled channel serves are listed). Anthropic callers, known by the {@code anthropic-version} header or
 * an {@code x-api-key} key, get Anthropic's shape and paging (20 to a page unless {@code limit} says otherwise);
 * OpenAI callers get OpenAI's list, whole unless they page. Aliases are not listed; they resolve when retrieved.
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

    @GetMapping
    Object list(
            @AuthenticationPrincipal AuthenticatedKey key,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(name = "after_id", required = false) @Nullable String afterId,
            @RequestParam(name = "before_id", required = false) @Nullable String beforeId,
            HttpServletRequest request) {
        List<CatalogModel> visible = catalog.all().stream()
                .filter(model -> key.allows(model.id()))
                .filter(availability::isServed)
                .toList();
        if (isAnthropicCaller(request)) {
            List<AnthropicModel> models =
                    visible.stream().map(AnthropicModel::of).toList();
            return AnthropicModelList.of(ModelPage.of(models, AnthropicModel::id, limit, afterId, beforeId));
        }
        List<ModelObject> models = visible.stream().map(ModelObject::of).toList();
        return ModelList.of(
                limit == null && afterId == null && beforeId == null
                        ? ModelPage.whole(models)
                        : ModelPage.of(models, ModelObject::id, limit, afterId, beforeId));
    }

    /**
     * {@code {*id}} takes the rest of the path, so both {@code aws/claude-…} and {@code aws%2Fclaude-…} arrive whole.
     * An alias or native id answers with the model it resolves to, as Anthropic answers a dated id for an alias.
     */
    @GetMapping("/{*id}")
    Object retrieve(
            @AuthenticationPrincipal AuthenticatedKey key, @PathVariable String id, HttpServletRequest request) {
        String requested = id.startsWith("/") ? id.substring(1) : id;
        CatalogModel model = catalog.resolve(requested)
                .filter(found -> key.allows(found.id()))
                .orElseThrow(() -> new ApiException(ApiError.notFound(
                        "model_not_found",
                        "The model '" + requested + "' does not exist or is not available to this API key.")));
        return isAnthropicCaller(request) ? AnthropicModel.of(model) : ModelObject.of(model);
    }

    private static boolean isAnthropicCaller(HttpServletRequest request) {
        return request.getHeader("anthropic-version") != null || request.getHeader("x-api-key") != null;
    }
}
