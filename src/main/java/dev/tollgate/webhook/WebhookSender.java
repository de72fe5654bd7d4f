package dev.tollgate.webhook;

import dev.tollgate.fetch.FetchFailedException;
import dev.tollgate.fetch.FetchRefusedException;
import dev.tollgate.fetch.FetchedContent;
import dev.tollgate.fetch.SafeUrlFetcher;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Posts one signed event to a team's webhook, once, through the SSRF-safe fetcher. */
@Component
class WebhookSender {

    static final String TIMESTAMP = "X-Tollgate-Timestamp";
    static final String SIGNATURE = "X-Tollgate-Signature";
    static final String EVENT_ID = "X-Tollgate-Event-Id";
    /** What is read of a receiver's answer; nothing in it is used. */
    private static final long LARGEST_ANSWER = 64 * 1024;

    /**
     * How one attempt went: the receiver's HTTP status when it answered; {@code worthRetrying} for network errors,
     * time-outs, 429 and 5xx.
     */
    record Attempt(
            boolean delivered,
            boolean worthRetrying,
            @Nullable Integer status,
            String message) {}

    private final SafeUrlFetcher fetcher;
    private final Clock clock;

    WebhookSender(SafeUrlFetcher fetcher, Clock clock) {
        this.fetcher = fetcher;
        this.clock = clock;
    }

    Attempt send(TeamWebhookStore.Registration webhook, UUID eventId, byte[] body) {
        SigningSecret secret = webhook.secret();
        if (secret == null) {
            return new Attempt(false, false, null, "The signing secret is " + TeamWebhookStore.UNREADABLE);
        }
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = Map.of(
                TIMESTAMP, Long.toString(timestamp),
                SIGNATURE, WebhookSignature.sign(secret, timestamp, body),
                EVENT_ID, eventId.toString());
        try {
            FetchedContent answer = fetcher.post(webhook.url(), body, "application/json", headers, LARGEST_ANSWER);
            return new Attempt(true, false, answer.status(), "Delivered");
        } catch (FetchRefusedException refused) {
            return new Attempt(false, false, null, refused.getMessage());
        } catch (FetchFailedException failed) {
            boolean transientFailure = failed.status().isEmpty()
                    || failed.status().getAsInt() == 429
                    || failed.status().getAsInt() >= 500;
            Integer status = failed.status().isPresent() ? failed.status().getAsInt() : null;
            return new Attempt(false, transientFailure, status, failed.getMessage());
        }
    }
}
