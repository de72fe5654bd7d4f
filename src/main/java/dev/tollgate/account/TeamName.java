package dev.tollgate.account;

import dev.tollgate.text.StorableText;

/** A team's display name: 1 to {@value #LONGEST} characters, unique among teams regardless of case. */
public record TeamName(String value) {

    /** The longest team name; forms limit their fields to it too. */
    public static final int LONGEST = 200;

    public TeamName {
        value = value == null ? "" : value.strip();
        if (value.isEmpty()) {
            throw new AccountRuleException("name", "A team needs a name");
        }
        if (value.length() > LONGEST) {
            throw new AccountRuleException("name", "A team name has at most " + LONGEST + " characters");
        }
        StorableText.flaw(value).ifPresent(flaw -> {
            throw new AccountRuleException("name", "The team name " + flaw);
        });
    }
}
