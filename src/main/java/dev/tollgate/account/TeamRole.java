package dev.tollgate.account;

/** A member's role in a team, from most to least trusted. */
public enum TeamRole {
    /** Runs the team: everything an admin can, plus managing members. */
    OWNER("Owner"),
    /** Manages the team's keys. */
    ADMIN("Admin"),
    /** Uses the team's models and sees its keys, usage and balance. */
    MEMBER("Member");

    private final String label;

    TeamRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isAtLeast(TeamRole minimum) {
        return ordinal() <= minimum.ordinal();
    }

    public boolean canManageKeys() {
        return isAtLeast(ADMIN);
    }

    public boolean canManageMembers() {
        return isAtLeast(OWNER);
    }
}
