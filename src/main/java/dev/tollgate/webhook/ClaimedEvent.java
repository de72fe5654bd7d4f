package dev.tollgate.webhook;

/** An event a worker has claimed, with the number of the attempt it is about to make. */
record ClaimedEvent(WebhookEvent event, int attempt) {

    ClaimedEvent {
        if (attempt < 1) {
            throw new IllegalArgumentException("Attempts are counted from 1");
        }
    }
}
