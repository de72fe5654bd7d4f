package dev.tollgate.billing;

public enum LedgerEntryKind {
    TOP_UP("Top-up"),
    CHARGE("Charge"),
    REFUND("Refund"),
    ADJUSTMENT("Adjustment");

    private final String label;

    LedgerEntryKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
