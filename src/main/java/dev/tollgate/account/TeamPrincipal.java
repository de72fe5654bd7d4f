package dev.tollgate.account;

/**
 * A non-human caller bound to one team (an API key). {@link TeamAccess} lets it act as a member of that team and of
 * no other.
 */
public interface TeamPrincipal {

    TeamId teamId();
}
