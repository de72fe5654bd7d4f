package dev.tollgate.account;

import org.jspecify.annotations.Nullable;

/**
 * A request the account rules refuse, with a message meant for the person who made it and, where one field is to
 * blame, that field's name as the admin API spells it (a form shows the message on that field).
 */
public class AccountRuleException extends IllegalArgumentException {

    private final @Nullable String field;

    public AccountRuleException(String message) {
        this(null, message);
    }

    public AccountRuleException(@Nullable String field, String message) {
        super(message);
        this.field = field;
    }

    public @Nullable String field() {
        return field;
    }
}
