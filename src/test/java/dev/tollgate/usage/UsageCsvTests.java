package dev.tollgate.usage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Free text in exports cannot turn into spreadsheet formulas. */
class UsageCsvTests {

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaIsWrittenAsText() {
        assertThat(UsageCsv.freeText("=HYPERLINK(\"http://evil\")")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(UsageCsv.freeText("+1+2")).isEqualTo("'+1+2");
        assertThat(UsageCsv.freeText("-2")).isEqualTo("'-2");
        assertThat(UsageCsv.freeText("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(UsageCsv.freeText("\tcmd")).isEqualTo("'\tcmd");
    }

    @Test
    void ordinaryTextIsWrittenAsItIs() {
        assertThat(UsageCsv.freeText("ci-key")).isEqualTo("ci-key");
        assertThat(UsageCsv.freeText("The upstream answered 503")).isEqualTo("The upstream answered 503");
        assertThat(UsageCsv.freeText(null)).isEmpty();
        assertThat(UsageCsv.freeText("a=b")).isEqualTo("a=b");
    }
}
