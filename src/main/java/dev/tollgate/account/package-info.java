/**
 * People and teams: users who sign in to the portal (BCrypt passwords), teams, memberships with their roles, and
 * {@link dev.tollgate.account.TeamAccess}, the one place that decides what the current caller may do in a team.
 */
@NullMarked
package dev.tollgate.account;

import org.jspecify.annotations.NullMarked;
