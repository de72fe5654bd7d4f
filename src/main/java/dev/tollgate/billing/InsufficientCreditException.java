package dev.tollgate.billing;

import dev.tollgate.account.TeamId;

/** The team's balance cannot cover what was asked of it. */
public class InsufficientCreditException extends RuntimeException {

    public InsufficientCreditException(TeamId team) {
        super("The team's balance is too low for this request");
    }
}
