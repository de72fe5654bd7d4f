package dev.tollgate.billing;

/** The shares of a key's budget whose crossing is worth telling the team about. */
public enum BudgetThreshold {
    EIGHTY_PERCENT(80),
    FULL(100);

    private final int percent;

    BudgetThreshold(int percent) {
        this.percent = percent;
    }

    public int percent() {
        return percent;
    }

    static BudgetThreshold ofPercent(int percent) {
        for (BudgetThreshold threshold : values()) {
            if (threshold.percent == percent) {
                return threshold;
            }
        }
        throw new IllegalArgumentException("No budget threshold at " + percent + "%");
    }
}
