package dev.tollgate.apikey;

public class ApiKeyNotFoundException extends RuntimeException {

    public ApiKeyNotFoundException(ApiKeyId id) {
        this(id.toString());
    }

    /** For ids that did not even parse: to the caller they are simply not found. */
    public ApiKeyNotFoundException(String id) {
        super("No API key with id " + id);
    }
}
