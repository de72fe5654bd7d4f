package dev.tollgate.portal;

import dev.tollgate.money.Credits;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How the portal writes times and money: one format everywhere. Times in UTC, so teams in several zones read the same
 * thing. Money always {@code Cr$} first, thousands grouped: balances and totals to the cent ({@link #money}, the exact
 * amount in {@link #exactMoney} for a tooltip), the cost of one request to two significant digits ({@link #cost}),
 * since most cost a fraction of a cent and would all read {@code Cr$ 0.00}.
 */
public final class DisplayFormats {

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final int CENTS = 2;
    private static final int SIGNIFICANT = 2;

    private DisplayFormats() {}

    public static String dateTime(@Nullable Instant instant) {
        return instant == null ? "—" : DATE_TIME.format(instant);
    }

    /** To the second, for lists where several things happen in one minute (requests). */
    public static String dateTimeSeconds(@Nullable Instant instant) {
        return instant == null ? "—" : DATE_TIME_SECONDS.format(instant);
    }

    public static String date(@Nullable Instant instant) {
        return instant == null ? "—" : DATE.format(instant);
    }

    /** A balance, budget or total, rounded half-up to the cent: {@code Cr$ 1,234.57}, {@code -Cr$ 0.42}. */
    public static String money(Credits credits) {
        return written(credits.amount().setScale(CENTS, RoundingMode.HALF_UP));
    }

    /** Every decimal the amount has, at least two: {@code Cr$ 96.4817484}. For the tooltip of a rounded amount. */
    public static String exactMoney(Credits credits) {
        BigDecimal stripped = credits.amount().stripTrailingZeros();
        return written(stripped.scale() < CENTS ? stripped.setScale(CENTS, RoundingMode.UNNECESSARY) : stripped);
    }

    /**
     * What one request (or one ledger line) cost: to the cent when that is at least a cent, otherwise to two
     * significant digits, so a non-zero cost never reads as zero: {@code Cr$ 0.0000042}, {@code Cr$ 0.0012}.
     */
    public static String cost(Credits credits) {
        BigDecimal amount = credits.amount();
        if (amount.signum() == 0 || amount.abs().compareTo(new BigDecimal("0.01")) >= 0) {
            return money(credits);
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        // the position of the leading digit below the point: 0.0000042 has precision 2, scale 7, so 6
        int leading = stripped.scale() - stripped.precision() + 1;
        BigDecimal rounded =
                amount.setScale(leading + SIGNIFICANT - 1, RoundingMode.HALF_UP).stripTrailingZeros();
        return written(rounded.scale() < CENTS ? rounded.setScale(CENTS, RoundingMode.UNNECESSARY) : rounded);
    }

    private static String written(BigDecimal amount) {
        String digits = String.format(Locale.ROOT, "%,." + amount.scale() + "f", amount.abs());
        return (amount.signum() < 0 ? "-Cr$ " : "Cr$ ") + digits;
    }
}
