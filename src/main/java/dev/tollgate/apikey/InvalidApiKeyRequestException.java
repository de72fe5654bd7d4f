package dev.tollgate.apikey;

import org.jspecify.annotations.Nullable;

/**
 * A key request that breaks a rule (blank name, past expiry, unknown model…), with a message for the caller and, where
 * one field is to blame, that field's name as the admin API spells it (a form shows the message on that field).
 */
public class InvalidApiKeyRequestException extends IllegalArgumentException {

    private final @Nullable String field;

    public InvalidApiKeyRequestException(String message) {
        this(null, message);
    }

    public InvalidApiKeyRequestException(@Nullable String field, String message) {
        super(message);
        this.field = field;
    }

    public @Nullable String field() {
        return field;
    }
}
