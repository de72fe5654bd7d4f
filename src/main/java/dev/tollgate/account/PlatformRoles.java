package dev.tollgate.account;

/** Role names outside any team. */
public final class PlatformRoles {

    /** Runs the whole installation: creates teams, adds members, tops up balances. For {@code @RolesAllowed}. */
    public static final String PLATFORM_ADMIN = "PLATFORM_ADMIN";

    /** The same role as a Spring Security authority. */
    public static final String PLATFORM_ADMIN_AUTHORITY = "ROLE_" + PLATFORM_ADMIN;

    private PlatformRoles() {}
}
