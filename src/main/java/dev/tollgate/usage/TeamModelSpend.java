package dev.tollgate.usage;

import dev.tollgate.account.TeamId;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.money.Credits;

/** What one team spent on one model over a range of days, for the platform's own view across teams. */
public record TeamModelSpend(TeamId team, String teamName, ModelId model, long requests, Credits spend) {}
