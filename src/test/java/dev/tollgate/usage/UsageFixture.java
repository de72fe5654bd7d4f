package dev.tollgate.usage;

import dev.tollgate.account.PortalUser;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.account.UserId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.NewApiKey;
import dev.tollgate.support.Actors;
import dev.tollgate.support.TestTeams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh team with two keys and a member, and a spread of usage rows over several days, models, keys, kinds and
 * statuses, some written one by one and some as a batch.
 */
public class UsageFixture {

    public static final Instant DAY_ONE = Instant.parse("2026-03-02T00:00:00Z");
    public static final List<String> MODELS = List.of("aws/claude-haiku-4-5", "openai/gpt-5-mini", "google/imagen-4");

    private final TestTeams teams;
    private final ApiKeyService keys;
    private final UsageRecorder recorder;
    private final Actors actors;

    public UsageFixture(TestTeams teams, ApiKeyService keys, UsageRecorder recorder, Actors actors) {
        this.teams = teams;
        this.keys = keys;
        this.recorder = recorder;
        this.actors = actors;
    }

    public record Seeded(TeamSummary team, ApiKeyId ci, ApiKeyId batch, PortalUser member, List<UsageRecord> rows) {

        public TeamId id() {
            return team.id();
        }
    }

    /** A team with {@code count} rows spread over five days around midnight boundaries; a third recorded as one batch. */
    public Seeded seed(String prefix, int count, long seed) {
        TeamSummary team = teams.createWithBalance(prefix, "100.00");
        ApiKeyId ci = issue(team.id(), "ci");
        ApiKeyId batch = issue(team.id(), "batch");
        PortalUser member = (PortalUser) teams.addPerson(team, TeamRole.MEMBER);
        UsageSamples samples = new UsageSamples(seed);
        List<UsageRecord> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ApiKeyId key = i % 3 == 0 ? ci : i % 3 == 1 ? batch : null;
            UserId user = key == null ? member.userId() : null;
            UsageKind kind = UsageKind.values()[i % UsageKind.values().length];
            UsageStatus status =
                    i % 5 == 0 ? UsageStatus.FAILED : i % 7 == 0 ? UsageStatus.CANCELLED : UsageStatus.SUCCEEDED;
            // every ninth row sits a millisecond before midnight, and some rows share a timestamp
            Instant at = DAY_ONE.plus(Duration.ofDays(i % 5))
                    .plus(i % 9 == 0 ? Duration.ofDays(1).minusMillis(1) : Duration.ofMinutes(i / 2));
            rows.add(samples.row(team.id(), key, user, kind, MODELS.get(i % MODELS.size()), status, at));
        }
        int batched = rows.size() / 3;
        recorder.recordAll(rows.subList(0, batched));
        rows.subList(batched, rows.size()).forEach(recorder::record);
        return new Seeded(team, ci, batch, member, List.copyOf(rows));
    }

    private ApiKeyId issue(TeamId team, String name) {
        return actors.asPlatformAdmin(
                () -> keys.issue(team, NewApiKey.named(name)).key().id());
    }
}
