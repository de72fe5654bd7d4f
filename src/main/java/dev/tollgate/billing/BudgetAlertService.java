package dev.tollgate.billing;

import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamRole;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The budget crossings a team's owners and admins have not dismissed yet; members do not see them. */
@Service
@Transactional(transactionManager = "jdbcTransactionManager", readOnly = true)
public class BudgetAlertService {

    private static final int HISTORY_SHOWN = 20;

    private final BudgetAlertStore alerts;
    private final TeamAccess access;
    private final Clock clock;

    BudgetAlertService(BudgetAlertStore alerts, TeamAccess access, Clock clock) {
        this.alerts = alerts;
        this.access = access;
        this.clock = clock;
    }

    /** Unread alerts, newest first, or none for a caller below admin, so the portal can ask on every page. */
    public List<BudgetAlert> unread(TeamId team) {
        if (access.roleIn(team).filter(role -> role.isAtLeast(TeamRole.ADMIN)).isEmpty()) {
            return List.of();
        }
        return alerts.unread(team);
    }

    /**
     * The team's newest alerts, read ones included, for the history under the portal's bell; none for a caller below
     * admin.
     */
    public List<BudgetAlert> recent(TeamId team) {
        if (access.roleIn(team).filter(role -> role.isAtLeast(TeamRole.ADMIN)).isEmpty()) {
            return List.of();
        }
        return alerts.recent(team, HISTORY_SHOWN);
    }

    /** Marks every unread alert of the team read, for all its owners and admins. */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public void markAllRead(TeamId team) {
        access.require(team, TeamRole.ADMIN);
        alerts.markAllRead(team, clock.instant());
    }
}
