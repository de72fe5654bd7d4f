package dev.tollgate.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Objects;

/**
 * An exact amount of Cr$, held to nine decimal places (one nano-credit), the scale of every money column.
 * Never a {@code double}: sums of many small charges must add up to the cent and beyond.
 */
public record Credits(BigDecimal amount) implements Comparable<Credits> {

    public static final int SCALE = 9;
    /** NUMERIC(20, 9) holds eleven integer digits. */
    private static final BigDecimal MAXIMUM = new BigDecimal("99999999999");

    public static final Credits ZERO = new Credits(BigDecimal.ZERO);

    public Credits {
        Objects.requireNonNull(amount, "amount");
        if (amount.stripTrailingZeros().scale() > SCALE) {
            throw new InvalidAmountException(
                    "An amount has at most " + SCALE + " decimal places: " + amount.toPlainString());
        }
        if (amount.abs().compareTo(MAXIMUM) > 0) {
            // written as the portal writes money (Cr$ first, grouped): this message reaches people through its forms
            throw new InvalidAmountException(String.format(Locale.ROOT, "An amount is at most Cr$ %,.2f", MAXIMUM));
        }
        amount = amount.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    /** Parses a decimal string such as {@code "25.00"}; anything else is an {@link InvalidAmountException}. */
    public static Credits parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidAmountException("An amount is required, as a decimal string such as \"25.00\"");
        }
        try {
            return new Credits(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
            throw new InvalidAmountException("Not a decimal amount: \"" + text + "\"");
        }
    }

    public static Credits of(String text) {
        return parse(text);
    }

    public Credits plus(Credits other) {
        return new Credits(amount.add(other.amount));
    }

    public Credits minus(Credits other) {
        return new Credits(amount.subtract(other.amount));
    }

    public Credits negate() {
        return new Credits(amount.negate());
    }

    /** Multiplies by an exact factor, rounding half-up to the nano-credit. */
    public Credits times(BigDecimal factor) {
        return new Credits(amount.multiply(factor).setScale(SCALE, RoundingMode.HALF_UP));
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isLessThan(Credits other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(Credits other) {
        return amount.compareTo(other.amount);
    }

    /** The amount as a plain decimal string with at least two decimals: {@code "25.00"}, {@code "0.000123"}. */
    public String toPlainString() {
        BigDecimal stripped = amount.stripTrailingZeros();
        return (stripped.scale() < 2 ? stripped.setScale(2, RoundingMode.UNNECESSARY) : stripped).toPlainString();
    }

    /** How people read it: {@code "Cr$ 25.00"}. */
    public String display() {
        return "Cr$ " + toPlainString();
    }

    @Override
    public String toString() {
        return toPlainString();
    }
}
