package dev.tollgate.account;

import java.util.Locale;
import java.util.regex.Pattern;

/** A sign-in email, compared case-insensitively and so kept in lower case. */
public record EmailAddress(String value) {

    private static final Pattern FORMAT = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+|[^@\\s]+@localhost");

    public EmailAddress {
        value = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (value.length() > 320 || !FORMAT.matcher(value).matches()) {
            throw new AccountRuleException("Not an email address: \"" + value + "\"");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
