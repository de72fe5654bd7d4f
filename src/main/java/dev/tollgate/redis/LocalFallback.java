package dev.tollgate.redis;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * The log of something shared through Redis that falls back to this instance's memory while Redis cannot be reached:
 * one line when it falls back and one when it is shared again, not a line for each command that failed.
 */
public final class LocalFallback {

    private final Logger log;
    private final String shared;
    private final String alone;
    private final AtomicBoolean fallenBack = new AtomicBoolean();

    /**
     * @param shared how it works with Redis, as a clause: "request limits are shared by every replica"
     * @param alone how it works meanwhile, as a clause: "each replica limits keys on its own"
     */
    public LocalFallback(Logger log, String shared, String alone) {
        this.log = log;
        this.shared = shared;
        this.alone = alone;
    }

    /** Redis answered. */
    public void answered() {
        if (fallenBack.compareAndSet(true, false)) {
            log.info("Redis answers again: {} again", shared);
        }
    }

    /** Redis could not be reached; the caller falls back. */
    public void unreachable(RuntimeException failure) {
        if (fallenBack.compareAndSet(false, true)) {
            log.warn("Redis cannot be reached ({}): {} meanwhile", failure.toString(), alone);
        }
    }
}
