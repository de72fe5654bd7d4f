package dev.tollgate.provider.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prompt prefixes the simulator has "cached", per cache scope, as upstreams do: an entry lives five minutes after
 * its last use, or an hour when it was written with {@code ttl: "1h"}, and the least recently used entries make room
 * when the cache is full.
 */
final class PromptCache {

    static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);

    record Key(String scope, String prefixDigest) {}

    private final Clock clock;
    private final int capacity;

    /**
     * In access order. With one lifetime the eldest entry is also the first to expire; an hour's entry can outlive
     * younger five-minute ones, so a lookup checks its entry's own expiry too.
     */
    private final LinkedHashMap<Key, Instant> expiries;

    PromptCache(Clock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
        this.expiries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Instant> eldest) {
                return size() > PromptCache.this.capacity;
            }
        };
    }

    /** {@link #readOrWrite(Key, Duration)} for an entry that lives {@link #TIME_TO_LIVE}. */
    synchronized boolean readOrWrite(Key key) {
        return readOrWrite(key, TIME_TO_LIVE);
    }

    /**
     * Uses the cached prefix: true when it was cached already (a cache read), false when it is cached now (a cache
     * write). Either way it stays cached for at least another {@code lifetime}; a use never shortens a longer one.
     */
    synchronized boolean readOrWrite(Key key, Duration lifetime) {
        Instant now = clock.instant();
        dropExpired(now);
        Instant expiry = expiries.get(key);
        boolean cached = expiry != null && expiry.isAfter(now);
        Instant renewed = now.plus(lifetime);
        expiries.put(key, cached && expiry.isAfter(renewed) ? expiry : renewed);
        return cached;
    }

    synchronized int size() {
        return expiries.size();
    }

    private void dropExpired(Instant now) {
        Iterator<Instant> eldestFirst = expiries.values().iterator();
        while (eldestFirst.hasNext() && !eldestFirst.next().isAfter(now)) {
            eldestFirst.remove();
        }
    }
}
