package dev.tollgate.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.usage.UsageGroup;
import dev.tollgate.usage.UsageTotals;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A team's usage over a range of days, per group and in all; amounts as decimal strings. {@code reasoningTokens} are
 * a part of {@code outputTokens}, priced with them.
 */
record UsageReportBody(
        String teamId, LocalDate from, LocalDate to, String groupBy, List<GroupBody> data, TotalsBody total) {

    static UsageReportBody of(String teamId, LocalDate from, LocalDate to, String groupBy, List<UsageGroup> groups) {
        UsageTotals total = groups.stream().map(UsageGroup::totals).reduce(UsageTotals.NONE, UsageTotals::plus);
        return new UsageReportBody(
                teamId, from, to, groupBy, groups.stream().map(GroupBody::of).toList(), TotalsBody.of(total));
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record GroupBody(
            @Nullable String group,
            @Nullable String name,
            long requests,
            long inputTokens,
            long outputTokens,
            long reasoningTokens,
            long cacheReadTokens,
            long cacheWriteTokens,
            long cacheWrite1hTokens,
            String totalCost) {

        static GroupBody of(UsageGroup group) {
            UsageTotals totals = group.totals();
            return new GroupBody(
                    group.group(),
                    group.name(),
                    totals.requests(),
                    totals.tokens().input(),
                    totals.tokens().output(),
                    totals.reasoningTokens(),
                    totals.tokens().cacheRead(),
                    totals.tokens().cacheWrite(),
                    totals.tokens().cacheWrite1h(),
                    totals.totalCost().toPlainString());
        }
    }

    record TotalsBody(
            long requests,
            long inputTokens,
            long outputTokens,
            long reasoningTokens,
            long cacheReadTokens,
            long cacheWriteTokens,
            long cacheWrite1hTokens,
            String totalCost) {

        static TotalsBody of(UsageTotals totals) {
            return new TotalsBody(
                    totals.requests(),
                    totals.tokens().input(),
                    totals.tokens().output(),
                    totals.reasoningTokens(),
                    totals.tokens().cacheRead(),
                    totals.tokens().cacheWrite(),
                    totals.tokens().cacheWrite1h(),
                    totals.totalCost().toPlainString());
        }
    }
}
