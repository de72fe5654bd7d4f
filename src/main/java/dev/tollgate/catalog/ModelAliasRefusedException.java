package dev.tollgate.catalog;

/** An alias that cannot be added as asked; the message says why and is shown to the administrator. */
public class ModelAliasRefusedException extends IllegalArgumentException {

    private final boolean conflict;

    private ModelAliasRefusedException(String message, boolean conflict) {
        super(message);
        this.conflict = conflict;
    }

    static ModelAliasRefusedException invalid(String message) {
        return new ModelAliasRefusedException(message, false);
    }

    static ModelAliasRefusedException taken(String message) {
        return new ModelAliasRefusedException(message, true);
    }

    /** True when the name is already taken (by a model or another alias) rather than malformed or aimed nowhere. */
    public boolean isConflict() {
        return conflict;
    }
}
