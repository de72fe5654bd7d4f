package dev.tollgate.apikey;

/** A key request that breaks a rule (blank name, past expiry, unknown model…), with a message for the caller. */
public class InvalidApiKeyRequestException extends IllegalArgumentException {

    public InvalidApiKeyRequestException(String message) {
        super(message);
    }
}
