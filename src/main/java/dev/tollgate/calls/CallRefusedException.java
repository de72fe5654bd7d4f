package dev.tollgate.calls;

import java.util.Objects;

/** Thrown by a call before anything of its reply was delivered; the {@link Refusal} says why. */
public final class CallRefusedException extends RuntimeException {

    private final Refusal refusal;

    public CallRefusedException(Refusal refusal) {
        super(refusal.toString(), null, false, false);
        this.refusal = Objects.requireNonNull(refusal);
    }

    public Refusal refusal() {
        return refusal;
    }
}
