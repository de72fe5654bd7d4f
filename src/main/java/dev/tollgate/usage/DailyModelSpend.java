package dev.tollgate.usage;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.money.Credits;
import java.time.LocalDate;

/** What one model cost a team on one UTC day. */
public record DailyModelSpend(LocalDate day, ModelId model, long requests, Credits spend) {}
