package dev.tollgate.account;

import org.jspecify.annotations.Nullable;

/**
 * Someone to add to a team. An existing user is found by email; a new one is created with the display name and the
 * initial password, which they can change after signing in.
 */
public record NewMember(
        String email,
        @Nullable String displayName,
        TeamRole role,
        @Nullable String initialPassword) {}
