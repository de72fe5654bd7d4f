package dev.tollgate.account;

import dev.tollgate.text.StorableText;
import java.util.Locale;
import java.util.regex.Pattern;

/** A sign-in email, compared case-insensitively and so kept in lower case. */
public record EmailAddress(String value) {

    private static final Pattern FORMAT = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+|[^@\\s]+@localhost");

    public EmailAddress {
        value = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (value.length() > 320 || !FORMAT.matcher(value).matches() || !StorableText.isStorable(value)) {
            throw new AccountRuleException("Not an email address: \"" + StorableText.scrub(value, 320) + "\"");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
