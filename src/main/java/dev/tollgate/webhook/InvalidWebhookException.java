package dev.tollgate.webhook;

/** A webhook URL that cannot be saved; the message says why, for the person who typed it. */
public class InvalidWebhookException extends RuntimeException {

    InvalidWebhookException(String message) {
        super(message);
    }
}
