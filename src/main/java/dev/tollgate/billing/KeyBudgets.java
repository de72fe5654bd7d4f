package dev.tollgate.billing;

import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamRole;
import dev.tollgate.apikey.ApiKeyChanged;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.apikey.ApiKeyIssued;
import dev.tollgate.apikey.ApiKeyNotFoundException;
import dev.tollgate.apikey.InvalidApiKeyRequestException;
import dev.tollgate.money.Credits;
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

    KeyBudgets(KeyBudgetRepository budgets, KeySpending spending, TeamAccess access) {
        this.budgets = budgets;
        this.spending = spending;
        this.access = access;
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

    /**
     * Changes a key's budget (owners and admins), or removes it with {@code null}. A new budget arms both thresholds
     * again; one the key has already spent past is reported at once.
     */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public void change(ApiKeyId key, @Nullable Credits budget) {
        access.require(teamOf(key), TeamRole.ADMIN);
        if (budget != null && !budget.isPositive()) {
            throw new InvalidApiKeyRequestException("A budget is a positive amount of Cr$");
        }
        budgets.changeBudget(key, budget == null ? null : budget.amount());
        if (budget != null) {
            spending.recordCrossings(List.of(key));
        }
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
     * thresholds as they are, so saving a key unchanged raises no alert again.
     */
    @EventListener
    @Transactional(transactionManager = "jdbcTransactionManager", propagation = Propagation.SUPPORTS)
    void onChanged(ApiKeyChanged changed) {
        KeyBudget current = budgets.find(changed.key()).orElseGet(() -> KeyBudget.none(changed.key()));
        Credits budget = changed.budget();
        if (sameAmount(current.budget(), budget)) {
            return;
        }
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
