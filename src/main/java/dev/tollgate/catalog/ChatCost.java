package dev.tollgate.catalog;

import dev.tollgate.money.Credits;

/**
 * What a chat request costs, line by line, as the statement and the usage history show it. {@code cacheWrite} is
 * the five-minute cache writes' line, {@code cacheWrite1h} the one-hour writes'.
 */
public record ChatCost(Credits input, Credits output, Credits cacheRead, Credits cacheWrite, Credits cacheWrite1h) {

    public static final ChatCost NONE =
            new ChatCost(Credits.ZERO, Credits.ZERO, Credits.ZERO, Credits.ZERO, Credits.ZERO);

    public Credits total() {
        return input.plus(output).plus(cacheRead).plus(cacheWrite).plus(cacheWrite1h);
    }
}
