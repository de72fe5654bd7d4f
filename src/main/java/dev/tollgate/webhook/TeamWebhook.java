package dev.tollgate.webhook;

import java.net.URI;
import java.time.Instant;

/** A team's webhook as owners see it: the URL and enough of the secret to recognise it. */
public record TeamWebhook(URI url, String maskedSecret, Instant updatedAt) {}
