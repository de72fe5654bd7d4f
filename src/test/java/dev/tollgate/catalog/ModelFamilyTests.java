package dev.tollgate.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.money.Credits;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which family a native id names, and which catalog model is the newest of a family. */
class ModelFamilyTests {

    @Test
    void aNativeIdNamesItsFamilyInEitherOrderOfParts() {
        assertThat(ModelFamily.ofRequested("claude-opus-4-1-20250805")).contains(ModelFamily.OPUS);
        assertThat(ModelFamily.ofRequested("claude-3-7-sonnet-latest")).contains(ModelFamily.SONNET);
        assertThat(ModelFamily.ofRequested("claude-haiku-5")).contains(ModelFamily.HAIKU);
    }

    @Test
    void idsThatAreNotNativeClaudeIdsNameNoFamily() {
        assertThat(ModelFamily.ofRequested("aws/claude-opus-9"))
                .as("a provider prefix")
                .isEmpty();
        assertThat(ModelFamily.ofRequested("gpt-opus-1")).isEmpty();
        assertThat(ModelFamily.ofRequested("claude-opusx-4"))
                .as("the family is a whole part")
                .isEmpty();
        assertThat(ModelFamily.ofRequested("claude-instant-1")).isEmpty();
    }

    @Test
    void theNewestIsTheHighestVersionComparedAsNumbersNotThePriceListsFirst() {
        List<CatalogModel> models =
                List.of(chat("aws/claude-opus-4-9"), chat("aws/claude-sonnet-5-0"), chat("aws/claude-opus-4-10"));

        assertThat(ModelFamily.OPUS.newestIn(models))
                .map(model -> model.id().value())
                .contains("aws/claude-opus-4-10");
        assertThat(ModelFamily.SONNET.newestIn(models))
                .map(model -> model.id().value())
                .contains("aws/claude-sonnet-5-0");
        assertThat(ModelFamily.HAIKU.newestIn(models)).as("no Haiku on sale").isEmpty();
    }

    @Test
    void ofTwoModelsWithTheSameVersionTheOneEarlierInThePriceListWins() {
        List<CatalogModel> models = List.of(chat("aws/claude-haiku-4-5"), chat("eu/claude-haiku-4-5"));

        assertThat(ModelFamily.HAIKU.newestIn(models))
                .map(model -> model.id().value())
                .contains("aws/claude-haiku-4-5");
    }

    private static CatalogModel chat(String id) {
        return new CatalogModel(
                new ModelId(id),
                id,
                ModelKind.CHAT,
                new TokenPricing(
                        new Credits(BigDecimal.ONE),
                        new Credits(BigDecimal.TEN),
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        BigDecimal.TWO),
                1000,
                100,
                null,
                null,
                Instant.EPOCH);
    }
}
