package dev.tollgate.usage;

/** How a report splits a range of days. */
public enum UsageGrouping {
    DAY,
    MODEL,
    KEY
}
