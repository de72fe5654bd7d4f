package dev.tollgate.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.money.Credits;
import dev.tollgate.support.Layout;
import org.junit.jupiter.api.Test;

/** The money rule: Cr$ first, thousands grouped, totals to the cent, a request's cost never rounded to zero. */
class DisplayFormatsTests {

    @Test
    void balancesAreWrittenToTheCentWithGroupedThousands() {
        assertThat(DisplayFormats.money(Credits.of("1234567.891")))
                .as("rounded half-up to the cent, thousands grouped")
                .isEqualTo("Cr$ 1,234,567.89");
        assertThat(DisplayFormats.money(Credits.of("96.4817484"))).isEqualTo("Cr$ 96.48");
        assertThat(DisplayFormats.money(Credits.of("99999999999"))).isEqualTo("Cr$ 99,999,999,999.00");
        assertThat(DisplayFormats.money(Credits.ZERO)).isEqualTo("Cr$ 0.00");
        assertThat(DisplayFormats.money(Credits.of("0.005"))).isEqualTo("Cr$ 0.01");
    }

    @Test
    void negativeAmountsCarryTheSignBeforeTheCurrency() {
        assertThat(DisplayFormats.money(Credits.of("-1234.5"))).isEqualTo("-Cr$ 1,234.50");
        assertThat(DisplayFormats.cost(Credits.of("-0.0000042"))).isEqualTo("-Cr$ 0.0000042");
        assertThat(DisplayFormats.exactMoney(Credits.of("-2"))).isEqualTo("-Cr$ 2.00");
    }

    @Test
    void theExactAmountKeepsEveryDecimalForTheTooltip() {
        assertThat(DisplayFormats.exactMoney(Credits.of("96.4817484"))).isEqualTo("Cr$ 96.4817484");
        assertThat(DisplayFormats.exactMoney(Credits.of("1234567.891"))).isEqualTo("Cr$ 1,234,567.891");
        assertThat(DisplayFormats.exactMoney(Credits.of("0.000000001"))).isEqualTo("Cr$ 0.000000001");
        assertThat(DisplayFormats.exactMoney(Credits.ZERO)).isEqualTo("Cr$ 0.00");
    }

    @Test
    void aRequestCostBelowACentKeepsTwoSignificantDigits() {
        assertThat(DisplayFormats.cost(Credits.of("0.0000042"))).isEqualTo("Cr$ 0.0000042");
        assertThat(DisplayFormats.cost(Credits.of("0.000004249"))).isEqualTo("Cr$ 0.0000042");
        assertThat(DisplayFormats.cost(Credits.of("0.00123456"))).isEqualTo("Cr$ 0.0012");
        assertThat(DisplayFormats.cost(Credits.of("0.00999")))
                .as("rounds up to a cent")
                .isEqualTo("Cr$ 0.01");
        assertThat(DisplayFormats.cost(Credits.of("0.000000001"))).isEqualTo("Cr$ 0.000000001");
        assertThat(DisplayFormats.cost(Credits.of("0.05"))).isEqualTo("Cr$ 0.05");
    }

    @Test
    void aRequestCostOfACentOrMoreIsWrittenToTheCent() {
        assertThat(DisplayFormats.cost(Credits.of("0.16"))).isEqualTo("Cr$ 0.16");
        assertThat(DisplayFormats.cost(Credits.of("0.0123456"))).isEqualTo("Cr$ 0.01");
        assertThat(DisplayFormats.cost(Credits.of("1234567.891"))).isEqualTo("Cr$ 1,234,567.89");
        assertThat(DisplayFormats.cost(Credits.ZERO)).isEqualTo("Cr$ 0.00");
    }

    @Test
    void everyFormMatchesTheMoneyPatternTheBrowserTestsCheck() {
        for (String amount : new String[] {"0", "0.0000042", "1234567.891", "-1234567.891", "-0.0000042"}) {
            Credits credits = Credits.of(amount);
            assertThat(DisplayFormats.money(credits)).as("money(%s)", amount).matches(Layout.MONEY);
            assertThat(DisplayFormats.exactMoney(credits))
                    .as("exactMoney(%s)", amount)
                    .matches(Layout.MONEY);
            assertThat(DisplayFormats.cost(credits)).as("cost(%s)", amount).matches(Layout.MONEY);
        }
    }
}
