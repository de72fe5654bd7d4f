package dev.tollgate.provider.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PromptCacheTests {

    final MutableClock clock = new MutableClock();
    final PromptCache cache = new PromptCache(clock, 2);

    @Test
    void firstUseWritesAndLaterUsesRead() {
        PromptCache.Key key = new PromptCache.Key("team-1", "abc");

        assertThat(cache.readOrWrite(key)).as("first use").isFalse();
        assertThat(cache.readOrWrite(key)).as("second use").isTrue();
    }

    @Test
    void keepsNoMoreThanItsCapacityDroppingTheLeastRecentlyUsed() {
        PromptCache.Key a = new PromptCache.Key("team-1", "a");
        PromptCache.Key b = new PromptCache.Key("team-1", "b");
        cache.readOrWrite(a);
        cache.readOrWrite(b);
        cache.readOrWrite(a);

        cache.readOrWrite(new PromptCache.Key("team-1", "c"));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.readOrWrite(a)).as("recently used entry kept").isTrue();
        assertThat(cache.readOrWrite(b)).as("least recently used entry dropped").isFalse();
    }

    @Test
    void expiredEntriesAreDropped() {
        cache.readOrWrite(new PromptCache.Key("team-1", "a"));

        clock.advance(PromptCache.TIME_TO_LIVE.plus(Duration.ofSeconds(1)));
        cache.readOrWrite(new PromptCache.Key("team-1", "b"));

        assertThat(cache.size()).isEqualTo(1);
    }
}
