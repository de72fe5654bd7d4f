package dev.tollgate.webhook;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The backlog as the delivery log shows it: events whose latest failed attempt names a retry still to come. Retries are
 * scheduled in memory, so an event whose instance stopped is counted until its retry time passes.
 */
@Component
class RetryingDeliveriesBacklog implements WebhookBacklog {

    private final JdbcClient jdbc;
    private final Clock clock;

    RetryingDeliveriesBacklog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public long undelivered() {
        return jdbc.sql("select count(distinct event_id) from webhook_delivery_attempt where next_retry_at > ?")
                .param(Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
    }
}
