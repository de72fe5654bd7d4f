package dev.tollgate.webhook;

/** Webhook events not yet delivered that will still be tried, across all teams, for monitoring. */
public interface WebhookBacklog {

    long undelivered();
}
