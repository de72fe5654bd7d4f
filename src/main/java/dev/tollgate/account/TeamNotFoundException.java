package dev.tollgate.account;

public class TeamNotFoundException extends RuntimeException {

    public TeamNotFoundException(TeamId id) {
        this(id.toString());
    }

    /** For ids that did not even parse: to the caller they are simply not found. */
    public TeamNotFoundException(String id) {
        super("No team with id " + id);
    }
}
