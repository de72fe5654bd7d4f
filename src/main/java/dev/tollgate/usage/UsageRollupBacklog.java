package dev.tollgate.usage;

/** The usage rows waiting for their daily roll-up, across all instances: a few seconds' worth unless roll-ups stop. */
public interface UsageRollupBacklog {

    /** How many rows wait; a database read. */
    long waiting();
}
