package dev.tollgate.usage;

import java.time.LocalDate;

/** Image requests (generations and edits) and video requests on one UTC day, whatever their outcome. */
public record DailyMediaCount(LocalDate day, long images, long videos) {}
