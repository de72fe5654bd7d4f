package dev.tollgate.admin;

import dev.tollgate.catalog.ModelAlias;
import dev.tollgate.catalog.ModelAliases;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Model aliases for automation: list them with the model each names, add one, remove one. An alias is refused when it
 * is a model's id or an existing alias (409), or names no chat model (400).
 */
@RestController
@RequestMapping("/admin/v1/model-aliases")
class AdminModelAliasesController {

    private final ModelAliases aliases;

    AdminModelAliasesController(ModelAliases aliases) {
        this.aliases = aliases;
    }

    record AliasRequest(@Nullable String alias, @Nullable String model) {}

    record AliasBody(String alias, String model, Instant createdAt) {

        static AliasBody of(ModelAlias alias) {
            return new AliasBody(alias.alias().value(), alias.model().value(), alias.createdAt());
        }
    }

    record AliasList(List<AliasBody> data) {}

    @GetMapping
    AliasList list() {
        return new AliasList(aliases.list().stream().map(AliasBody::of).toList());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AliasBody add(@RequestBody AliasRequest request) {
        if (request.alias() == null || request.alias().isBlank()) {
            throw new IllegalArgumentException("alias: required");
        }
        if (request.model() == null || request.model().isBlank()) {
            throw new IllegalArgumentException("model: required, the id of the chat model the alias stands for");
        }
        return AliasBody.of(aliases.add(request.alias(), request.model()));
    }

    /** {@code {*alias}} takes the rest of the path, so an alias with a slash arrives whole. */
    @DeleteMapping("/{*alias}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String alias) {
        aliases.remove(alias.startsWith("/") ? alias.substring(1) : alias);
    }
}
