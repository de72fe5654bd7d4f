package dev.tollgate.account;

import dev.tollgate.text.StorableText;

/** A team's display name: 1 to 100 characters, unique among teams regardless of case. */
public record TeamName(String value) {

    public TeamName {
        value = value == null ? "" : value.strip();
        if (value.isEmpty()) {
            throw new AccountRuleException("A team needs a name");
        }
        if (value.length() > 100) {
            throw new AccountRuleException("A team name has at most 100 characters");
        }
        StorableText.flaw(value).ifPresent(flaw -> {
            throw new AccountRuleException("The team name " + flaw);
        });
    }
}
