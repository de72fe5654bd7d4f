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
    void anHourEntryOutlivesYoungerFiveMinuteEntriesAndTheyStillExpire() {
        PromptCache.Key hour = new PromptCache.Key("team-1", "hour");
        PromptCache.Key fiveMinutes = new PromptCache.Key("team-1", "five");
        cache.readOrWrite(hour, Duration.ofHours(1));
        cache.readOrWrite(fiveMinutes);

        clock.advance(Duration.ofMinutes(30));

        assertThat(cache.readOrWrite(fiveMinutes))
                .as("a five-minute entry behind a live hour entry has still expired")
                .isFalse();
        assertThat(cache.readOrWrite(hour))
                .as("the hour entry is read after 30 minutes")
                .isTrue();
    }

    @Test
    void aFiveMinuteUseDoesNotShortenAnHourEntry() {
        PromptCache.Key key = new PromptCache.Key("team-1", "a");
        cache.readOrWrite(key, Duration.ofHours(1));
        cache.readOrWrite(key);

        clock.advance(Duration.ofMinutes(30));

        assertThat(cache.readOrWrite(key)).isTrue();
    }

    @Test
    void expiredEntriesAreDropped() {
        cache.readOrWrite(new PromptCache.Key("team-1", "a"));

        clock.advance(PromptCache.TIME_TO_LIVE.plus(Duration.ofSeconds(1)));
        cache.readOrWrite(new PromptCache.Key("team-1", "b"));

        assertThat(cache.size()).isEqualTo(1);
    }
}
