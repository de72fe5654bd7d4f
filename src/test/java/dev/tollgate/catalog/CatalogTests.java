package dev.tollgate.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.money.Credits;
import dev.tollgate.support.IntegrationTest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The seeded catalog against the product documentation's price tables, read from the real database. */
@IntegrationTest
class CatalogTests {

    @Autowired
    Catalog catalog;

    @Autowired
    ModelRepository repository;

    static Stream<Arguments> chatPrices() {
        return Stream.of(
                Arguments.of("aws/claude-opus-4-7", "Claude Opus 4.7", "5.00", "25.00"),
                Arguments.of("aws/claude-opus-4-6", "Claude Opus 4.6", "5.00", "25.00"),
                Arguments.of("aws/claude-opus-4-5", "Claude Opus 4.5", "5.00", "25.00"),
                Arguments.of("aws/claude-sonnet-4-6", "Claude Sonnet 4.6", "3.00", "15.00"),
                Arguments.of("aws/claude-sonnet-4-5", "Claude Sonnet 4.5", "3.00", "15.00"),
                Arguments.of("aws/claude-sonnet-4-0", "Claude Sonnet 4.0", "3.00", "15.00"),
                Arguments.of("aws/claude-haiku-4-5", "Claude Haiku 4.5", "1.00", "5.00"),
                Arguments.of("aws/minimax-m2.5", "MiniMax M2.5", "0.50", "2.00"),
                Arguments.of("aws/minimax-m2.1", "MiniMax M2.1", "0.30", "1.50"),
                Arguments.of("aws/glm-5", "GLM-5", "1.00", "5.00"),
                Arguments.of("aws/qwen3-codex", "Qwen3 Codex Next", "0.10", "0.50"));
    }

    static Stream<Arguments> imagePrices() {
        return Stream.of(
                Arguments.of("enterprise/image-2", 1024, "0.16"),
                Arguments.of("enterprise/gemini-3.1-flash-image-preview-1k", 1024, "0.16"),
                Arguments.of("enterprise/gemini-3.1-flash-image-preview-2k", 2048, "0.18"),
                Arguments.of("enterprise/gemini-3.1-flash-image-preview-4k", 4096, "0.20"),
                Arguments.of("enterprise/gemini-3-pro-image-preview-1k", 1024, "0.32"),
                Arguments.of("enterprise/gemini-3-pro-image-preview-2k", 2048, "0.36"),
                Arguments.of("enterprise/gemini-3-pro-image-preview-4k", 4096, "0.40"));
    }

    @Test
    void holdsElevenChatSevenImageAndOneVideoModelInPriceListOrder() {
        assertThat(catalog.ofKind(ModelKind.CHAT)).hasSize(11);
        assertThat(catalog.ofKind(ModelKind.IMAGE)).hasSize(7);
        assertThat(catalog.ofKind(ModelKind.VIDEO)).hasSize(1);
        List<String> order =
                catalog.all().stream().map(model -> model.id().value()).toList();
        assertThat(order).startsWith("aws/claude-opus-4-7").endsWith("enterprise/seedance-1-5-pro");
        assertThat(repository.count()).as("no model beyond the documented 19").isEqualTo(19);
    }

    @ParameterizedTest
    @MethodSource("chatPrices")
    void chatModelsCarryTheDocumentedPricesAndCacheMultiples(String id, String name, String input, String output) {
        CatalogModel model = catalog.find(new ModelId(id)).orElseThrow();
        TokenPricing pricing = model.requireTokenPricing();
        assertThat(model.name()).isEqualTo(name);
        assertThat(pricing.inputPerMillion()).isEqualTo(Credits.parse(input));
        assertThat(pricing.outputPerMillion()).isEqualTo(Credits.parse(output));
        assertThat(pricing.cacheReadPerMillion())
                .as("cache read is 0.53 × input")
                .isEqualTo(Credits.parse(input).times(new java.math.BigDecimal("0.53")));
        assertThat(pricing.cacheWritePerMillion())
                .as("cache write is 1.25 × input")
                .isEqualTo(Credits.parse(input).times(new java.math.BigDecimal("1.25")));
        assertThat(pricing.cacheWrite1hPerMillion())
                .as("a one-hour cache write is 2 × input")
                .isEqualTo(Credits.parse(input).times(new java.math.BigDecimal("2")));
        assertThat(model.contextWindow()).isEqualTo(1_000_000);
    }

    @ParameterizedTest
    @MethodSource("imagePrices")
    void imageModelsHaveOneFixedSquareResolutionAndAPricePerRequest(String id, int side, String price) {
        CatalogModel model = catalog.find(new ModelId(id)).orElseThrow();
        assertThat(model.kind()).isEqualTo(ModelKind.IMAGE);
        assertThat(model.resolution()).isEqualTo(new Resolution(side, side));
        assertThat(model.requireRequestPrice()).isEqualTo(Credits.parse(price));
    }

    @Test
    void theVideoModelCostsSixtyCentsPerRequest() {
        CatalogModel seedance =
                catalog.find(new ModelId("enterprise/seedance-1-5-pro")).orElseThrow();
        assertThat(seedance.kind()).isEqualTo(ModelKind.VIDEO);
        assertThat(seedance.name()).isEqualTo("Seedance 1.5 Pro");
        assertThat(seedance.requireRequestPrice()).isEqualTo(Credits.parse("0.60"));
    }

    @Test
    void exactCacheFiguresForTheCheapestModelSurviveTheDatabase() {
        TokenPricing qwen =
                catalog.find(new ModelId("aws/qwen3-codex")).orElseThrow().requireTokenPricing();
        assertThat(qwen.cacheReadPerMillion().toPlainString()).isEqualTo("0.053");
        assertThat(qwen.cacheWritePerMillion().toPlainString()).isEqualTo("0.125");
        assertThat(qwen.cacheWrite1hPerMillion().toPlainString()).isEqualTo("0.20");
    }
}
