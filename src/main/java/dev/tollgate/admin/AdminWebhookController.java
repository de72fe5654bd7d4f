package dev.tollgate.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamService;
import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiException;
import dev.tollgate.webhook.IssuedWebhookSecret;
import dev.tollgate.webhook.TeamWebhook;
import dev.tollgate.webhook.TeamWebhookService;
import dev.tollgate.webhook.WebhookDeliveryAttempt;
import dev.tollgate.webhook.WebhookTestResult;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A team's webhook through the admin API, as owners manage it on the overview page: set (the signing secret is in the
 * answer the first time only), read, clear, rotate the secret, send a test event and read the delivery log. For
 * operators who provision teams by script.
 */
@RestController
@RequestMapping("/admin/v1/teams/{teamId}/webhook")
class AdminWebhookController {

    record SetWebhook(@Nullable String url) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record WebhookBody(
            String url,
            String maskedSecret,
            Instant updatedAt,
            @Nullable String secret) {

        static WebhookBody of(TeamWebhook webhook, @Nullable String secret) {
            return new WebhookBody(webhook.url().toString(), webhook.maskedSecret(), webhook.updatedAt(), secret);
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record DeliveryBody(
            String eventId,
            String eventType,
            int attempt,
            Instant at,
            boolean delivered,
            @Nullable Integer httpStatus,
            @Nullable String error,
            @Nullable Instant nextRetryAt) {

        static DeliveryBody of(WebhookDeliveryAttempt attempt) {
            return new DeliveryBody(
                    attempt.eventId().toString(),
                    attempt.eventType(),
                    attempt.attempt(),
                    attempt.at(),
                    attempt.delivered(),
                    attempt.httpStatus(),
                    attempt.error(),
                    attempt.nextRetryAt());
        }
    }

    private final TeamService teams;
    private final TeamWebhookService webhooks;

    AdminWebhookController(TeamService teams, TeamWebhookService webhooks) {
        this.teams = teams;
        this.webhooks = webhooks;
    }

    @GetMapping
    WebhookBody get(@PathVariable String teamId) {
        return webhooks.get(team(teamId))
                .map(webhook -> WebhookBody.of(webhook, null))
                .orElseThrow(() -> none(teamId));
    }

    /** Sets the URL; answers 201 with the new signing secret the first time, 200 without it when only the URL moved. */
    @PutMapping
    ResponseEntity<WebhookBody> set(@PathVariable String teamId, @RequestBody SetWebhook request) {
        TeamId team = team(teamId);
        return webhooks.save(team, request.url() == null ? "" : request.url())
                .map(issued -> ResponseEntity.status(HttpStatus.CREATED).body(issued(issued)))
                .orElseGet(() ->
                        ResponseEntity.ok(WebhookBody.of(webhooks.get(team).orElseThrow(), null)));
    }

    @DeleteMapping
    ResponseEntity<Void> clear(@PathVariable String teamId) {
        webhooks.clear(team(teamId));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/rotate-secret")
    WebhookBody rotateSecret(@PathVariable String teamId) {
        return issued(webhooks.rotateSecret(team(teamId)));
    }

    @PostMapping("/test")
    WebhookTestResult sendTest(@PathVariable String teamId) {
        return webhooks.sendTest(team(teamId));
    }

    @GetMapping("/deliveries")
    List<DeliveryBody> deliveries(@PathVariable String teamId) {
        return webhooks.deliveries(team(teamId)).stream().map(DeliveryBody::of).toList();
    }

    private TeamId team(String teamId) {
        TeamId id = AdminTeamsController.parse(teamId);
        teams.get(id);
        return id;
    }

    private static WebhookBody issued(IssuedWebhookSecret issued) {
        return WebhookBody.of(issued.webhook(), issued.secret());
    }

    private static ApiException none(String teamId) {
        return new ApiException(new ApiError(
                HttpStatus.NOT_FOUND,
                "invalid_request_error",
                "webhook_not_found",
                "Team " + teamId + " has no webhook",
                null));
    }
}
