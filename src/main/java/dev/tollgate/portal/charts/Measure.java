package dev.tollgate.portal.charts;

/** What a chart's values count, which decides how tooltips and value axes write them. */
public enum Measure {
    /** Amounts of Cr$, written {@code Cr$ 1.23}. */
    CREDITS("credits"),
    /** Whole numbers of things: tokens, images, videos. */
    COUNT("count"),
    /** Shares from 0 to 100, written {@code 12%}. */
    PERCENT("percent");

    private final String format;

    Measure(String format) {
        this.format = format;
    }

    /** The name of the matching formatter in {@code tollgate-chart.js}. */
    String format() {
        return format;
    }
}
