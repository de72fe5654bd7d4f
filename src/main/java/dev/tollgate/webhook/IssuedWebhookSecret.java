package dev.tollgate.webhook;

/** A webhook with its signing secret in plain text, the one time it is shown. */
public record IssuedWebhookSecret(TeamWebhook webhook, String secret) {

    @Override
    public String toString() {
        return "IssuedWebhookSecret[" + webhook + "]";
    }
}
