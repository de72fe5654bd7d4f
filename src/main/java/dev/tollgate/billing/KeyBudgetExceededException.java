package dev.tollgate.billing;

/** The key's budget cannot cover the request (it is spent, or what is left is held by requests in flight). */
public class KeyBudgetExceededException extends RuntimeException {

    public KeyBudgetExceededException() {
        super("This API key's budget is spent. Raise its budget or use another key.");
    }
}
