-- Usage rows are added to their daily roll-up after their settle commits, in batches, instead of by a trigger in the
-- settle's own transaction (decision 0065): the trigger's grouped upsert was a third of the time a lone call's usage
-- row took to write and commit.
--
-- A row waits in usage_unrolled, written by the statement that writes the row. A roll-up deletes waiting rows and adds
-- them to usage_daily in one transaction, so every row is added exactly once, by whichever replica takes it, and a
-- crash in between leaves it waiting. Reports read usage_daily_live, the roll-ups plus the rows still waiting, in one
-- statement and so from one snapshot: exact at every moment, whenever the roll-ups run.
--
-- Replicas of an earlier version must be stopped before this migration runs: their inserts write no waiting row, so
-- the rows they write from now on would never be rolled up.
create table usage_unrolled (
    usage_id bigint primary key
);

drop trigger usage_record_rollup on usage_record;
drop function usage_daily_add();

create view usage_daily_live as
select team_id, day, model, api_key_id, kind, source, status, requests, input_tokens, output_tokens,
       cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens, input_cost, output_cost,
       cache_read_cost, cache_write_cost, cache_write_1h_cost, request_cost, total_cost, latency_ms_sum
from usage_daily
union all
select u.team_id, (u.created_at at time zone 'UTC')::date, u.model, u.api_key_id, u.kind, u.source, u.status,
       count(*), sum(u.input_tokens)::bigint, sum(u.output_tokens)::bigint, sum(u.cache_read_tokens)::bigint,
       sum(u.cache_write_tokens)::bigint, sum(u.cache_write_1h_tokens)::bigint, sum(u.reasoning_tokens)::bigint,
       sum(u.input_cost), sum(u.output_cost), sum(u.cache_read_cost), sum(u.cache_write_cost),
       sum(u.cache_write_1h_cost), sum(u.request_cost), sum(u.total_cost), sum(u.latency_ms)
from usage_unrolled w
join usage_record u on u.id = w.usage_id
group by 1, 2, 3, 4, 5, 6, 7;
