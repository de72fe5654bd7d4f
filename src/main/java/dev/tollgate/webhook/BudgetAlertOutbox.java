package dev.tollgate.webhook;

import dev.tollgate.billing.KeyBudgetCrossed;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Puts each budget crossing of a team with a webhook in the outbox, in the transaction that recorded the crossing, so
 * the event is kept exactly when the spending commits; billing publishes crossings only when there are some, so
 * spending that crosses nothing costs nothing here. Once the transaction has committed, this instance's worker is woken
 * so the post does not wait for the next poll.
 */
@Component
class BudgetAlertOutbox {

    private final TeamWebhookStore webhooks;
    private final WebhookPayloads payloads;
    private final WebhookOutbox outbox;
    private final DeliveryWorkers workers;
    private final Clock clock;

    BudgetAlertOutbox(
            TeamWebhookStore webhooks,
            WebhookPayloads payloads,
            WebhookOutbox outbox,
            DeliveryWorkers workers,
            Clock clock) {
        this.webhooks = webhooks;
        this.payloads = payloads;
        this.outbox = outbox;
        this.workers = workers;
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void onKeyBudgetCrossed(KeyBudgetCrossed crossed) {
        webhooks.teamNameIfHooked(crossed.team()).ifPresent(teamName -> {
            outbox.add(
                    new WebhookEvent(
                            crossed.alertId(),
                            crossed.team(),
                            WebhookPayloads.BUDGET_THRESHOLD,
                            payloads.budgetCrossed(crossed, teamName)),
                    clock.instant());
            wakeAfterCommit();
        });
    }

    private void wakeAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            workers.wake();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                workers.wake();
            }
        });
    }
}
