package dev.tollgate.admin;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamNotFoundException;
import dev.tollgate.account.TeamService;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.admin.AdminApiMessages.BalanceBody;
import dev.tollgate.admin.AdminApiMessages.CreateTeam;
import dev.tollgate.admin.AdminApiMessages.TeamBody;
import dev.tollgate.admin.AdminApiMessages.TopUp;
import dev.tollgate.billing.BillingService;
import dev.tollgate.money.Credits;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/admin/v1/teams")
class AdminTeamsController {

    private final TeamService teams;
    private final BillingService billing;

    AdminTeamsController(TeamService teams, BillingService billing) {
        this.teams = teams;
        this.billing = billing;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    TeamBody create(@RequestBody CreateTeam request) {
        TeamSummary team = teams.create(request.name() == null ? "" : request.name());
        return TeamBody.of(team, billing.balance(team.id()));
    }

    @GetMapping
    List<TeamBody> list() {
        return teams.all().stream()
                .map(team -> TeamBody.of(team, billing.balance(team.id())))
                .toList();
    }

    @GetMapping("/{teamId}")
    TeamBody get(@PathVariable String teamId) {
        TeamId id = parse(teamId);
        return TeamBody.of(teams.get(id), billing.balance(id));
    }

    /** Renames the team; the body is {@code {"name": "…"}}. */
    @PatchMapping("/{teamId}")
    TeamBody rename(@PathVariable String teamId, @RequestBody CreateTeam request) {
        TeamId id = parse(teamId);
        TeamSummary team = teams.rename(id, request.name() == null ? "" : request.name());
        return TeamBody.of(team, billing.balance(id));
    }

    @PostMapping("/{teamId}/credits")
    BalanceBody topUp(@PathVariable String teamId, @RequestBody TopUp request) {
        TeamId id = parse(teamId);
        teams.get(id);
        Credits balance = billing.topUp(id, Credits.parse(request.amount()), request.note());
        return new BalanceBody(balance.toPlainString());
    }

    static TeamId parse(String teamId) {
        return TeamId.tryParse(teamId).orElseThrow(() -> new TeamNotFoundException(teamId));
    }
}
