package dev.tollgate.secret;

/** The configured sealing key is unusable; start-up stops with a message that says how to fix it. */
class InvalidSecretKeyException extends IllegalStateException {

    InvalidSecretKeyException(String message) {
        super(message);
    }
}
