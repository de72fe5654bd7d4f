package dev.tollgate.billing;

import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamRole;
import dev.tollgate.apikey.ApiKeyChanged;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.apikey.ApiKeyIssued;
import dev.tollgate.apikey.ApiKeyNotFoundException;
import dev.tollgate.money.Credits;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keys' budgets and spending as the admin API and the portal show and change them. The money itself moves with the
 * team's: a hold reserves both ({@link CreditHolds}), a prepaid charge and its refund change both ({@link
 * PrepaidCharges}).
 */
@Service
@Transactional(transactionManager = "jdbcTransactionManager", readOnly = true)
public class KeyBudgets {

    private final KeyBudgetRepository budgets;
    private final KeySpending spending;
    private final TeamAccess access;
    private final LeaseRows leases;
    private final Clock clock;

    KeyBudgets(KeyBudgetRepository budgets, KeySpending spending, TeamAccess access, LeaseRows leases, Clock clock) {
        this.budgets = budgets;
        this.spending = spending;
        this.access = access;
        this.leases = leases;
        this.clock = clock;
    }

    /** The key's budget and spending (members of its team). */
    public KeyBudget of(ApiKeyId key) {
        access.require(teamOf(key), TeamRole.MEMBER);
        return budgets.find(key).orElseGet(() -> KeyBudget.none(key));
    }

    /** Budgets and spending of every key of the team (members). */
    public Map<ApiKeyId, KeyBudget> ofTeam(TeamId team) {
        access.require(team, TeamRole.MEMBER);
        List<KeyBudget> rows = budgets.ofTeam(team);
        return rows.stream().collect(Collectors.toUnmodifiableMap(KeyBudget::key, Function.identity()));
    }

    /** Opens the budget of a key as it is issued, in the transaction that stores the key. */
    @EventListener
    @Transactional(transactionManager = "jdbcTransactionManager", propagation = Propagation.SUPPORTS)
    void onIssued(ApiKeyIssued issued) {
        budgets.open(
                issued.key(),
                issued.team(),
                issued.budget() == null ? null : issued.budget().amount());
    }

    /**
     * Gives a changed key its budget in the transaction that changed the key. A budget left as it was keeps its
     * thresholds as they are, so saving a key unchanged raises no alert again. A new budget also releases the key's
     * credit leases on every instance, before the key's row is locked as every change locks them (the leases first):
     * what they hold was granted under the old budget, and each instance finds its lease released at the next call
     * made with the key's new settings, which then reserves under the new budget (decision 0059).
     */
    @EventListener
    @Transactional(transactionManager = "jdbcTransactionManager", propagation = Propagation.SUPPORTS)
    void onChanged(ApiKeyChanged changed) {
        KeyBudget current = budgets.find(changed.key()).orElseGet(() -> KeyBudget.none(changed.key()));
        Credits budget = changed.budget();
        if (sameAmount(current.budget(), budget)) {
            return;
        }
        leases.releaseOfKey(changed.key(), clock.instant());
        budgets.changeBudget(changed.key(), budget == null ? null : budget.amount());
        if (budget != null) {
            spending.recordCrossings(List.of(changed.key()));
        }
    }

    private static boolean sameAmount(@Nullable Credits current, @Nullable Credits next) {
        return current == null || next == null
                ? current == next
                : current.amount().compareTo(next.amount()) == 0;
    }

    private TeamId teamOf(ApiKeyId key) {
        return budgets.teamOf(key).orElseThrow(() -> new ApiKeyNotFoundException(key));
    }
}
