package dev.tollgate.admin;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamService;
import dev.tollgate.admin.AdminApiMessages.CreateKey;
import dev.tollgate.admin.AdminApiMessages.KeyBody;
import dev.tollgate.admin.AdminApiMessages.KeyList;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.apikey.ApiKeyNotFoundException;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.ApiKeyView;
import dev.tollgate.apikey.InvalidApiKeyRequestException;
import dev.tollgate.apikey.IssuedApiKey;
import dev.tollgate.apikey.NewApiKey;
import dev.tollgate.billing.KeyBudget;
import dev.tollgate.billing.KeyBudgets;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.money.Credits;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@RestController
class AdminKeysController {

    private final ApiKeyService keys;
    private final KeyBudgets budgets;
    private final TeamService teams;

    AdminKeysController(ApiKeyService keys, KeyBudgets budgets, TeamService teams) {
        this.keys = keys;
        this.budgets = budgets;
        this.teams = teams;
    }

    @PostMapping("/admin/v1/teams/{teamId}/keys")
    @ResponseStatus(HttpStatus.CREATED)
    KeyBody create(@PathVariable String teamId, @RequestBody CreateKey request) {
        TeamId team = AdminTeamsController.parse(teamId);
        teams.get(team);
        NewApiKey newKey = new NewApiKey(
                request.name() == null ? "" : request.name(),
                expiry(request.expiresAt()),
                budget(request.budget()),
                models(request.models()),
                request.rpm());
        IssuedApiKey issued = keys.issue(team, newKey);
        return KeyBody.issued(issued, budgets.of(issued.key().id()));
    }

    @GetMapping("/admin/v1/teams/{teamId}/keys")
    KeyList list(@PathVariable String teamId) {
        TeamId team = AdminTeamsController.parse(teamId);
        teams.get(team);
        Map<ApiKeyId, KeyBudget> money = budgets.ofTeam(team);
        return new KeyList(keys.list(team).stream()
                .map(key -> KeyBody.listed(key, money.getOrDefault(key.id(), KeyBudget.none(key.id()))))
                .toList());
    }

    /**
     * Changes a key: each field present replaces the key's setting ({@code null} removes a budget, expiry, model list
     * or rate limit); a field left out stays as it is.
     */
    @PatchMapping("/admin/v1/keys/{keyId}")
    KeyBody change(@PathVariable String keyId, @RequestBody ObjectNode body) {
        ApiKeyId id = ApiKeyId.tryParse(keyId).orElseThrow(() -> new ApiKeyNotFoundException(keyId));
        ApiKeyView key = keys.get(id);
        KeyBudget money = budgets.of(id);
        NewApiKey settings = new NewApiKey(
                body.has("name") ? text(body, "name") : key.name(),
                body.has("expiresAt") ? expiry(text(body, "expiresAt")) : key.expiresAt(),
                body.has("budget") ? budget(text(body, "budget")) : money.budget(),
                body.has("models") ? models(list(body, "models")) : key.allowedModels(),
                body.has("rpm") ? rpm(body.get("rpm")) : key.requestsPerMinute());
        ApiKeyView changed = keys.change(id, settings);
        return KeyBody.listed(changed, budgets.of(id));
    }

    @DeleteMapping("/admin/v1/keys/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String keyId) {
        ApiKeyId id = ApiKeyId.tryParse(keyId).orElseThrow(() -> new ApiKeyNotFoundException(keyId));
        keys.revoke(id);
    }

    private static @Nullable String text(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new InvalidApiKeyRequestException(field, field + " is a string");
        }
        return value.asString();
    }

    private static @Nullable List<String> list(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new InvalidApiKeyRequestException(field, field + " is a list of model ids");
        }
        List<String> ids = new ArrayList<>();
        value.forEach(id -> ids.add(id.isString() ? id.asString() : id.toString()));
        return ids;
    }

    private static @Nullable Integer rpm(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidApiKeyRequestException("rpm", "rpm is a whole number of requests per minute");
        }
        return value.asInt();
    }

    private static @Nullable Credits budget(@Nullable String text) {
        return text == null || text.isBlank() ? null : Credits.parse(text);
    }

    private static @Nullable Instant expiry(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidApiKeyRequestException(
                    "expiresAt", "expiresAt is an ISO-8601 instant such as 2027-01-31T00:00:00Z, not \"" + text + "\"");
        }
    }

    private static Set<ModelId> models(@Nullable List<String> ids) {
        if (ids == null) {
            return Set.of();
        }
        return ids.stream()
                .map(id -> ModelId.tryParse(id == null ? "" : id)
                        .orElseThrow(() -> new InvalidApiKeyRequestException("models", "Unknown model: " + id)))
                .collect(Collectors.toSet());
    }
}
