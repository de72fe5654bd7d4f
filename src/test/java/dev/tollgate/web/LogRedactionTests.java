package dev.tollgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the log redaction recognises as a credential, in the shapes the container and the framework write them. */
class LogRedactionTests {

    private static final String KEY = "vai-6rWynDBvIdKd9kKSlWfK1roEMdGVdALIm6ER8DWR";

    @Test
    void aKeyAnywhereInALineIsRedacted() {
        assertThat(LogRedaction.redact("Looked up " + KEY + " twice")).isEqualTo("Looked up vai-[REDACTED] twice");
    }

    @Test
    void theValueOfACredentialHeaderTheContainerRefusedIsRedacted() {
        String redacted =
                LogRedaction.redact("The HTTP header line [x-api-key:sk-ant-0x01abc] does not conform to RFC 9112.");

        assertThat(redacted).startsWith("The HTTP header line [x-api-key:").doesNotContain("sk-ant");
    }

    @Test
    void aCredentialHeaderHiddenBehindABareCarriageReturnIsRedacted() {
        String redacted = LogRedaction.redact(
                "The HTTP header line [X-Trace: 10x0DAuthorization: Bearer test-master-key] does not conform");

        assertThat(redacted).doesNotContain("test-master-key");
    }

    @Test
    void aHeaderValueTheFirewallQuotesIsRedacted() {
        String redacted = LogRedaction.redact("The request was rejected because the header: \"Authorization \" has a"
                + " value \"Bearer my-master-key\u0080\" that is not allowed.");

        assertThat(redacted).doesNotContain("my-master-key");
    }

    @Test
    void aBearerTokenIsRedactedWhateverItsShape() {
        assertThat(LogRedaction.redact("upstream said: bearer sk-proj-abcdef123 is invalid"))
                .doesNotContain("sk-proj-abcdef123");
    }

    @Test
    void aPasswordParameterTheContainerCouldNotDecodeIsRedacted() {
        String redacted = LogRedaction.redact(
                "Character decoding failed. Parameter [password] with value" + " [Sup3r-secret%zz] has been ignored.");

        assertThat(redacted).contains("Parameter [password]").doesNotContain("Sup3r-secret");
        assertThat(LogRedaction.redact("{\"password\":\"hunter22\"}")).doesNotContain("hunter22");
    }

    @Test
    void ordinaryLinesAreLeftAlone() {
        String line = "Completed initialization in 14 ms; authorization for key:42 denied; 1200 input tokens";

        assertThat(LogRedaction.redact(line)).isSameAs(line);
    }
}
