package dev.tollgate.usage;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.money.Credits;

/** One model's requests, tokens and cost over a range of days. */
public record ModelSpend(ModelId model, long requests, TokenCounts tokens, Credits spend) {}
