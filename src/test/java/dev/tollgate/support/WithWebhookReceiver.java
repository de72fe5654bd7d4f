package dev.tollgate.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * For integration tests that post webhooks to the shared {@link WebhookReceiver}: allows its loopback endpoint, and
 * retries and looks at the outbox quickly. Extending this, rather than declaring the properties again, lets those
 * tests share one application context.
 */
public abstract class WithWebhookReceiver {

    protected static final WebhookReceiver receiver = WebhookReceiver.shared();

    @DynamicPropertySource
    static void allowTheReceiver(DynamicPropertyRegistry registry) {
        registry.add("tollgate.fetch.allowed-endpoints", receiver::endpoint);
        registry.add("tollgate.webhook.first-retry-delay", () -> "200ms");
        registry.add("tollgate.webhook.poll-interval", () -> "100ms");
    }
}
