package dev.tollgate.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.IntegrationTest;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** How a requested id finds its model: the model's own id first, then an alias, then the family rule if it is on. */
@IntegrationTest
class CatalogResolutionTests {

    @Autowired
    Catalog catalog;

    @Autowired
    ModelRepository models;

    @Autowired
    ModelAliasRepository aliases;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everySeededChatModelIsReachableByItsBareNativeId() {
        for (CatalogModel model : catalog.ofKind(ModelKind.CHAT)) {
            String bare = model.id().value().substring(model.id().value().indexOf('/') + 1);
            assertThat(catalog.resolve(bare))
                    .as("the native id %s", bare)
                    .map(CatalogModel::id)
                    .contains(model.id());
        }
    }

    @Test
    void datedSnapshotsResolveToTheirVersion() {
        assertThat(catalog.resolve("claude-sonnet-4-20250514"))
                .map(m -> m.id().value())
                .contains("aws/claude-sonnet-4-0");
        assertThat(catalog.resolve("claude-opus-4-5-20251101"))
                .map(m -> m.id().value())
                .contains("aws/claude-opus-4-5");
    }

    @Test
    void aModelsOwnIdWinsOverAnAliasOfTheSameName() {
        // administrators cannot add such an alias; one written straight into the table still cannot hide the model
        jdbc.sql("insert into model_alias (alias, model_id) values ('aws/glm-5', 'aws/qwen3-codex')")
                .update();
        try {
            assertThat(fresh(true).resolve("aws/glm-5"))
                    .map(m -> m.id().value())
                    .contains("aws/glm-5");
        } finally {
            jdbc.sql("delete from model_alias where alias = 'aws/glm-5'").update();
        }
    }

    @Test
    void withTheFamilyRuleOffAnUnsoldClaudeVersionIsUnknownButAliasesStillResolve() {
        Catalog withoutRule = fresh(false);

        assertThat(withoutRule.resolve("claude-opus-4-1-20250805")).isEmpty();
        assertThat(withoutRule.resolve("claude-opus-4-6"))
                .map(m -> m.id().value())
                .contains("aws/claude-opus-4-6");
        assertThat(fresh(true).resolve("claude-opus-4-1-20250805"))
                .as("with the rule on, the newest Opus")
                .map(m -> m.id().value())
                .contains("aws/claude-opus-4-7");
    }

    @Test
    void textThatCannotBeAnIdResolvesToNothing() {
        assertThat(catalog.resolve("Claude Opus")).isEmpty();
        assertThat(catalog.resolve("claude-" + "x".repeat(200))).isEmpty();
    }

    private Catalog fresh(boolean familyRule) {
        return new Catalog(
                models,
                aliases,
                transactions,
                Clock.systemUTC(),
                new ModelsProperties(new ModelsProperties.FamilyRule(familyRule)));
    }
}
