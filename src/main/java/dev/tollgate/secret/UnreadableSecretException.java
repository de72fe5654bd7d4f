package dev.tollgate.secret;

/** A sealed value that does not open with this key: sealed under another key, damaged, or moved to another owner. */
public class UnreadableSecretException extends RuntimeException {

    UnreadableSecretException(String message, Throwable cause) {
        super(message, cause);
    }

    UnreadableSecretException(String message) {
        super(message);
    }
}
