package dev.tollgate.catalog;

import java.time.Clock;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The aliases administrators keep: other names, such as the vendors' native ids, under which catalog chat models are
 * requested. An alias never takes a model's id, so it can never hide a model.
 */
@Service
public class ModelAliases {

    private final ModelAliasRepository aliases;
    private final ModelRepository models;
    private final TransactionTemplate transactions;
    private final Catalog catalog;
    private final Clock clock;

    ModelAliases(
            ModelAliasRepository aliases,
            ModelRepository models,
            TransactionTemplate transactions,
            Catalog catalog,
            Clock clock) {
        this.aliases = aliases;
        this.models = models;
        this.transactions = transactions;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Every alias, grouped by the model it names. */
    @Transactional(readOnly = true)
    public List<ModelAlias> list() {
        return aliases.findAllByOrderByModelIdAscAliasAsc().stream()
                .map(ModelAliasEntity::toAlias)
                .toList();
    }

    /**
     * Adds {@code alias} for the chat model {@code model}. Refused when the alias is not a well-formed id, is a model's
     * id or an existing alias, or when the model is not a chat model in the catalog.
     */
    public ModelAlias add(String alias, String model) {
        ModelId name = ModelId.tryParse(alias)
                .orElseThrow(() -> ModelAliasRefusedException.invalid("alias: '" + alias
                        + "' is not a model id (lower-case letters, digits, '.', '_', '-', parts joined by '/')"));
        ModelId target = ModelId.tryParse(model)
                .orElseThrow(() -> ModelAliasRefusedException.invalid("model: no model has the id '" + model + "'"));
        ModelAlias added;
        try {
            added = transactions.execute(status -> save(name, target));
        } catch (DataIntegrityViolationException raced) {
            throw ModelAliasRefusedException.taken("alias: '" + alias + "' already exists");
        }
        catalog.forget();
        return added;
    }

    public void remove(String alias) {
        transactions.executeWithoutResult(status -> {
            if (!aliases.existsById(alias)) {
                throw new ModelAliasNotFoundException(alias);
            }
            aliases.deleteById(alias);
        });
        catalog.forget();
    }

    private ModelAlias save(ModelId alias, ModelId target) {
        if (models.existsById(alias.value())) {
            throw ModelAliasRefusedException.taken(
                    "alias: '" + alias + "' is the id of a model; an alias never shadows a model");
        }
        if (aliases.existsById(alias.value())) {
            throw ModelAliasRefusedException.taken("alias: '" + alias + "' already exists");
        }
        ModelEntity model = models.findById(target.value())
                .orElseThrow(() -> ModelAliasRefusedException.invalid("model: no model has the id '" + target + "'"));
        if (model.kind() != ModelKind.CHAT) {
            throw ModelAliasRefusedException.invalid(
                    "model: '" + target + "' is a " + model.kind().label().toLowerCase(java.util.Locale.ROOT)
                            + " model; aliases name chat" + " models");
        }
        return aliases.saveAndFlush(new ModelAliasEntity(alias, target, clock.instant()))
                .toAlias();
    }
}
