package dev.tollgate.billing;

/**
 * A batch settled in one statement was not the common batch that statement is for: a hold in it was no longer held, or
 * a team's charges did not fit its holds and remaining credit. Its transaction must roll back; the batch is then
 * settled through {@link CreditHolds#claim} and {@link CreditHolds#chargeAll}, which handle every case.
 */
public class BatchNotAllHeldException extends RuntimeException {

    BatchNotAllHeldException() {
        super("A hold in the batch was no longer held, or a team's charges did not fit");
    }
}
