package dev.tollgate.web;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds credentials in log text and replaces them. The container quotes a header line it refuses, the security
 * firewall a header value it will not hand out, the container a form value it cannot decode; any of them may be a
 * {@code vai-} key, the master key, an upstream key or a password. A credential is recognised by its shape ({@code
 * vai-…}, {@code Bearer …}) or by what precedes it (a credential header's name, a password field's name), so a secret
 * that appears bare, with nothing to say what it is, is not caught: code must still never log one.
 */
final class LogRedaction {

    static final String REDACTED = "[REDACTED]";

    private static final List<Rule> RULES = List.of(
            // a vai- key, whatever surrounds it
            new Rule(Pattern.compile("vai-[0-9A-Za-z]{8,}"), "vai-" + REDACTED),
            // a header line or a quoted header: everything after the name to the end of the line; no word boundary
            // before the name, as the container prints a control byte before it as 0x0D
            new Rule(
                    Pattern.compile("(?i)((?:proxy-)?authorization|x-api-key|api-key|x-goog-api-key|cookie)"
                            + "(\"?\\s*(?::|=|has a value)\\s*)[^\\r\\n]*"),
                    "$1$2" + REDACTED),
            // a bearer token wherever it appears
            new Rule(Pattern.compile("(?i)\\b(bearer\\s+)[^\\s\"'\\]]+"), "$1" + REDACTED),
            // a password or secret field: a container's "Parameter [password] with value [...]", JSON or key=value
            new Rule(
                    Pattern.compile("(?i)\\b(password|passwd|secret|client_secret|api[_-]?key|master[_-]?key)"
                            + "([\"']?\\]?\\s*(?:with value|[:=])\\s*)[^\\r\\n]*"),
                    "$1$2" + REDACTED));

    private LogRedaction() {}

    /** The text with every credential replaced; the very same string when there is none. */
    static String redact(String text) {
        String result = text;
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(result);
            if (matcher.find()) {
                result = matcher.replaceAll(rule.replacement());
            }
        }
        return result;
    }

    static @Nullable String redactNullable(@Nullable String text) {
        return text == null ? null : redact(text);
    }

    private record Rule(Pattern pattern, String replacement) {}
}
