package dev.tollgate.webhook;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The events waiting in the outbox, whoever holds them: the same figure on every replica. */
@Component
class OutboxBacklog implements WebhookBacklog {

    private final JdbcClient jdbc;

    OutboxBacklog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long undelivered() {
        return jdbc.sql("select count(*) from webhook_outbox where state = 'pending'")
                .query(Long.class)
                .single();
    }
}
