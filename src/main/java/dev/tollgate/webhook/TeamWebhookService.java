package dev.tollgate.webhook;

import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamRole;
import dev.tollgate.fetch.FetchFailedException;
import dev.tollgate.fetch.FetchRefusedException;
import dev.tollgate.fetch.SafeUrlFetcher;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** A team's webhook: set, cleared, its secret rotated and a test event sent, by the team's owners and admins. */
@Service
@Transactional(readOnly = true)
public class TeamWebhookService {

    static final int LONGEST_URL = 2000;
    /** How many of the newest delivery attempts the portal shows. */
    static final int DELIVERIES_SHOWN = 20;

    private final TeamWebhookStore webhooks;
    private final SafeUrlFetcher fetcher;
    private final WebhookPayloads payloads;
    private final WebhookSender sender;
    private final WebhookDeliveryLog deliveries;
    private final TeamAccess access;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    TeamWebhookService(
            TeamWebhookStore webhooks,
            SafeUrlFetcher fetcher,
            WebhookPayloads payloads,
            WebhookSender sender,
            WebhookDeliveryLog deliveries,
            TeamAccess access,
            Clock clock) {
        this.webhooks = webhooks;
        this.fetcher = fetcher;
        this.payloads = payloads;
        this.sender = sender;
        this.deliveries = deliveries;
        this.access = access;
        this.clock = clock;
    }

    public Optional<TeamWebhook> get(TeamId team) {
        access.require(team, TeamRole.ADMIN);
        return webhooks.find(team).map(TeamWebhookStore.Registration::toView);
    }

    /**
     * Sets the team's webhook URL after checking that it leads outside the gateway's network. The first time, a
     * signing secret is made and returned, the only time it is shown; changing the URL keeps the secret.
     *
     * @throws InvalidWebhookException when the URL is malformed, not http(s) or leads to a forbidden address
     */
    @Transactional
    public Optional<IssuedWebhookSecret> save(TeamId team, String url) {
        access.require(team, TeamRole.ADMIN);
        URI checked = checkedUrl(url);
        SigningSecret secret = SigningSecret.generate(random);
        Instant now = clock.instant();
        if (!webhooks.save(team, checked, secret, now)) {
            return Optional.empty();
        }
        return Optional.of(new IssuedWebhookSecret(new TeamWebhook(checked, secret.masked(), now), secret.value()));
    }

    /** Replaces the signing secret; the new one is returned, the only time it is shown. */
    @Transactional
    public IssuedWebhookSecret rotateSecret(TeamId team) {
        access.require(team, TeamRole.ADMIN);
        SigningSecret secret = SigningSecret.generate(random);
        if (!webhooks.changeSecret(team, secret, clock.instant())) {
            throw new InvalidWebhookException("The team has no webhook to rotate the secret of");
        }
        TeamWebhook webhook = webhooks.find(team).orElseThrow().toView();
        return new IssuedWebhookSecret(webhook, secret.value());
    }

    @Transactional
    public void clear(TeamId team) {
        access.require(team, TeamRole.ADMIN);
        webhooks.delete(team);
    }

    /**
     * Posts a signed {@code webhook.test} event once, now, and says how it went. Takes as long as the receiver, so it
     * holds no transaction (and no connection) while it waits.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public WebhookTestResult sendTest(TeamId team) {
        access.require(team, TeamRole.ADMIN);
        TeamWebhookStore.Registration webhook =
                webhooks.find(team).orElseThrow(() -> new InvalidWebhookException("The team has no webhook to test"));
        UUID eventId = UUID.randomUUID();
        Instant at = clock.instant();
        WebhookSender.Attempt attempt = sender.send(webhook, eventId, payloads.test(webhook, at));
        deliveries.record(
                team,
                new WebhookDeliveryAttempt(
                        eventId,
                        WebhookPayloads.TEST,
                        1,
                        at,
                        attempt.status(),
                        attempt.delivered() ? null : attempt.message(),
                        null));
        return new WebhookTestResult(
                attempt.delivered(), attempt.delivered() ? "The test event was delivered" : attempt.message());
    }

    /** The team's newest delivery attempts, budget events and test events alike, newest first. */
    public List<WebhookDeliveryAttempt> deliveries(TeamId team) {
        access.require(team, TeamRole.ADMIN);
        return deliveries.latest(team, DELIVERIES_SHOWN);
    }

    private URI checkedUrl(String url) {
        String given = url.strip();
        if (given.isEmpty()) {
            throw new InvalidWebhookException("Enter the URL events are to be posted to");
        }
        if (given.length() > LONGEST_URL) {
            throw new InvalidWebhookException("A webhook URL has at most " + LONGEST_URL + " characters");
        }
        try {
            URI uri = new URI(given);
            fetcher.checkDestination(uri);
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidWebhookException("That is not a valid URL");
        } catch (FetchRefusedException | FetchFailedException e) {
            throw new InvalidWebhookException(e.getMessage());
        }
    }
}
