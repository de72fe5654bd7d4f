package dev.tollgate.account;

import java.time.Instant;

/** A person in a team, as a team page lists them. */
public record Member(UserId userId, String email, String displayName, TeamRole role, Instant joinedAt) {}
