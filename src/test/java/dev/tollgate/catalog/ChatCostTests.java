package dev.tollgate.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.money.Credits;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Chat cost to the nano-credit, each token kind at its own price, for three models with different prices. */
class ChatCostTests {

    private static final TokenCounts TOKENS = new TokenCounts(1234, 567, 2048, 1536);

    @Test
    void opusPricesEveryLine() {
        ChatCost cost = pricing("5.00", "25.00").costOf(TOKENS);
        assertThat(cost.input()).isEqualTo(Credits.parse("0.00617"));
        assertThat(cost.output()).isEqualTo(Credits.parse("0.014175"));
        assertThat(cost.cacheRead()).isEqualTo(Credits.parse("0.0054272"));
        assertThat(cost.cacheWrite()).isEqualTo(Credits.parse("0.0096"));
        assertThat(cost.total()).isEqualTo(Credits.parse("0.0353722"));
    }

    @Test
    void miniMaxPricesEveryLine() {
        ChatCost cost = pricing("0.30", "1.50").costOf(TOKENS);
        assertThat(cost.cacheRead()).as("2048 × 0.159 / 1M").isEqualTo(Credits.parse("0.000325632"));
        assertThat(cost.cacheWrite()).as("1536 × 0.375 / 1M").isEqualTo(Credits.parse("0.000576"));
        assertThat(cost.total()).isEqualTo(Credits.parse("0.002122332"));
    }

    @Test
    void qwenPricesEveryLine() {
        ChatCost cost = pricing("0.10", "0.50").costOf(TOKENS);
        assertThat(cost.input()).isEqualTo(Credits.parse("0.0001234"));
        assertThat(cost.output()).isEqualTo(Credits.parse("0.0002835"));
        assertThat(cost.cacheRead()).as("2048 × 0.053 / 1M").isEqualTo(Credits.parse("0.000108544"));
        assertThat(cost.cacheWrite()).isEqualTo(Credits.parse("0.000192"));
        assertThat(cost.total()).isEqualTo(Credits.parse("0.000707444"));
    }

    @Test
    void oneHourCacheWritesArePricedAtTheirOwnMultiplier() {
        TokenCounts tokens = new TokenCounts(1234, 567, 2048, 1536, 4096);

        ChatCost cost = pricing("5.00", "25.00").costOf(tokens);

        assertThat(cost.cacheWrite()).as("1536 five-minute writes × 6.25 / 1M").isEqualTo(Credits.parse("0.0096"));
        assertThat(cost.cacheWrite1h()).as("4096 one-hour writes × 10.00 / 1M").isEqualTo(Credits.parse("0.04096"));
        assertThat(cost.total())
                .as("every line of the Opus example plus the one-hour line")
                .isEqualTo(Credits.parse("0.0763322"));
        assertThat(tokens.prompt()).as("the prompt counts both kinds of write").isEqualTo(1234 + 2048 + 1536 + 4096);
    }

    @Test
    void noTokensCostNothing() {
        assertThat(pricing("5.00", "25.00").costOf(TokenCounts.NONE).total()).isEqualTo(Credits.ZERO);
    }

    private static TokenPricing pricing(String input, String output) {
        return new TokenPricing(
                Credits.parse(input),
                Credits.parse(output),
                new BigDecimal("0.53"),
                new BigDecimal("1.25"),
                new BigDecimal("2.0"));
    }
}
