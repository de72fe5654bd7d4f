package dev.tollgate.usage;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.money.Credits;

/** One kind of request (chat, image, edit, video) over a range of days: how many, their tokens and their cost. */
public record KindTokens(UsageKind kind, long requests, TokenCounts tokens, Credits spend) {}
