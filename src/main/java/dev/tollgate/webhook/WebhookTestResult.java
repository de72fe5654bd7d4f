package dev.tollgate.webhook;

/** How a test event went: delivered, or why not, in words for the person who sent it. */
public record WebhookTestResult(boolean delivered, String message) {}
