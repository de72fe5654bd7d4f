package dev.tollgate.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreditsTests {

    @Test
    void keepsNineDecimalsSoEqualAmountsAreEqualWhateverTheirScale() {
        assertThat(Credits.parse("25")).isEqualTo(Credits.parse("25.000000000"));
        assertThat(Credits.parse("0.1").plus(Credits.parse("0.2"))).isEqualTo(Credits.parse("0.3"));
    }

    @Test
    void printsAtLeastTwoDecimalsAndNoTrailingNoise() {
        assertThat(Credits.parse("25").toPlainString()).isEqualTo("25.00");
        assertThat(Credits.parse("0.000123").toPlainString()).isEqualTo("0.000123");
        assertThat(Credits.parse("1e3").toPlainString()).isEqualTo("1000.00");
        assertThat(Credits.parse("25.5").display()).isEqualTo("Cr$ 25.50");
    }

    @Test
    void multipliesExactlyAndRoundsHalfUpToTheNanoCredit() {
        assertThat(Credits.parse("5.00").times(new BigDecimal("0.53"))).isEqualTo(Credits.parse("2.65"));
        assertThat(Credits.parse("0.000000001").times(new BigDecimal("0.5"))).isEqualTo(Credits.parse("0.000000001"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "1,5", "0.0000000001", "1e-12", "100000000000", "NaN"})
    void refusesWhatIsNotAnExactAmount(String text) {
        assertThatThrownBy(() -> Credits.parse(text)).isInstanceOf(InvalidAmountException.class);
    }

    @Test
    void theLargestAmountIsNamedAsPeopleReadMoney() {
        assertThatThrownBy(() -> Credits.parse("100000000000"))
                .hasMessage("An amount is at most Cr$ 99,999,999,999.00");
    }
}
