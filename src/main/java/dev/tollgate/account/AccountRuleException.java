package dev.tollgate.account;

/** A request the account rules refuse, with a message meant for the person who made it. */
public class AccountRuleException extends IllegalArgumentException {

    public AccountRuleException(String message) {
        super(message);
    }
}
