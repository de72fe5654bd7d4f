package dev.tollgate.apikey;

/** Why a presented key does not authenticate; the message is safe to return to the caller. */
public class KeyRejectedException extends RuntimeException {

    public enum Reason {
        MISSING("No API key provided. Send it as \"Authorization: Bearer vai-...\"."),
        MALFORMED("Incorrect API key provided: a key looks like vai- followed by 40 letters and digits."),
        UNKNOWN("Incorrect API key provided."),
        REVOKED("This API key has been revoked."),
        EXPIRED("This API key has expired.");

        private final String message;

        Reason(String message) {
            this.message = message;
        }
    }

    private final Reason reason;

    public KeyRejectedException(Reason reason) {
        super(reason.message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
