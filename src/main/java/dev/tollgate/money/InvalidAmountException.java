package dev.tollgate.money;

/** An amount that cannot be money: malformed, too precise or too large. */
public class InvalidAmountException extends IllegalArgumentException {

    public InvalidAmountException(String message) {
        super(message);
    }
}
