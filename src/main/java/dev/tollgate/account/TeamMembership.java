package dev.tollgate.account;

/** A team the current user can act in, and the role they act with. */
public record TeamMembership(TeamSummary team, TeamRole role) {}
