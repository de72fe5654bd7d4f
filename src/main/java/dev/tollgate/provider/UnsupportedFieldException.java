package dev.tollgate.provider;

import java.util.Objects;

/**
 * A field of the caller's request that the channel serving the model cannot honour: it has no equivalent in the
 * channel's API, and dropping it would change what the caller gets back. Thrown before anything is sent upstream.
 */
public final class UnsupportedFieldException extends RuntimeException {

    private final String field;

    public UnsupportedFieldException(String field, String message) {
        super(message, null, false, false);
        this.field = Objects.requireNonNull(field);
    }

    /** A field that {@code api}, the format the upstream serving the model speaks, has no equivalent for. */
    public static UnsupportedFieldException noEquivalentIn(String field, String api) {
        return new UnsupportedFieldException(
                field,
                field + " cannot be honoured: the upstream serving this model speaks " + api
                        + ", which has no equivalent. Remove the field, or use a model served in the format of the"
                        + " API you are calling.");
    }

    /** A field whose value {@code api} has no equivalent for, though it has one for other values. */
    public static UnsupportedFieldException valueWithoutEquivalentIn(String field, String api, String accepted) {
        return new UnsupportedFieldException(
                field,
                field + " cannot be honoured with this value: the upstream serving this model speaks " + api
                        + ", which takes " + accepted + " only.");
    }

    /** The field as the caller named it, e.g. {@code top_k} or {@code metadata.tags}. */
    public String field() {
        return field;
    }
}
