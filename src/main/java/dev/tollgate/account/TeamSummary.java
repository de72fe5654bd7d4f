package dev.tollgate.account;

import java.time.Instant;

public record TeamSummary(TeamId id, String name, Instant createdAt) {}
