-- Daily sums of usage_record per team, UTC day and every dimension reports filter on, so dashboards read a few
-- hundred rows instead of millions. Kept current by a trigger in the transaction that records the usage.
-- Sums are numeric(24, 9): a busy group's total may outgrow a single row's numeric(20, 9), and an overflow here
-- would fail the usage insert itself.
create table usage_daily (
    team_id            uuid           not null references team (id),
    day                date           not null,
    model              varchar(100)   not null,
    api_key_id         uuid,
    kind               varchar(16)    not null,
    source             varchar(16)    not null,
    status             varchar(16)    not null,
    requests           bigint         not null,
    input_tokens       bigint         not null,
    output_tokens      bigint         not null,
    cache_read_tokens  bigint         not null,
    cache_write_tokens bigint         not null,
    input_cost         numeric(24, 9) not null,
    output_cost        numeric(24, 9) not null,
    cache_read_cost    numeric(24, 9) not null,
    cache_write_cost   numeric(24, 9) not null,
    request_cost       numeric(24, 9) not null,
    total_cost         numeric(24, 9) not null,
    latency_ms_sum     bigint         not null,
    -- requests without a key (the playground) form one group per day, not one per request
    constraint usage_daily_group unique nulls not distinct (team_id, day, model, api_key_id, kind, source, status)
);
create index usage_daily_day_idx on usage_daily (day);

-- Adds each statement's new rows, grouped, in one upsert. Groups are written in key order so two transactions
-- that touch the same groups lock them in the same order and cannot deadlock.
-- usage_record rows are never updated or deleted today; if that changes, this table needs matching triggers.
create function usage_daily_add() returns trigger
    language plpgsql as
$$
begin
    insert into usage_daily (team_id, day, model, api_key_id, kind, source, status, requests,
                             input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
                             input_cost, output_cost, cache_read_cost, cache_write_cost, request_cost, total_cost,
                             latency_ms_sum)
    select team_id, (created_at at time zone 'UTC')::date, model, api_key_id, kind, source, status, count(*),
           sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens),
           sum(input_cost), sum(output_cost), sum(cache_read_cost), sum(cache_write_cost), sum(request_cost),
           sum(total_cost), sum(latency_ms)
    from inserted
    group by 1, 2, 3, 4, 5, 6, 7
    order by 1, 2, 3, 4, 5, 6, 7
    on conflict on constraint usage_daily_group do update set
        requests           = usage_daily.requests + excluded.requests,
        input_tokens       = usage_daily.input_tokens + excluded.input_tokens,
        output_tokens      = usage_daily.output_tokens + excluded.output_tokens,
        cache_read_tokens  = usage_daily.cache_read_tokens + excluded.cache_read_tokens,
        cache_write_tokens = usage_daily.cache_write_tokens + excluded.cache_write_tokens,
        input_cost         = usage_daily.input_cost + excluded.input_cost,
        output_cost        = usage_daily.output_cost + excluded.output_cost,
        cache_read_cost    = usage_daily.cache_read_cost + excluded.cache_read_cost,
        cache_write_cost   = usage_daily.cache_write_cost + excluded.cache_write_cost,
        request_cost       = usage_daily.request_cost + excluded.request_cost,
        total_cost         = usage_daily.total_cost + excluded.total_cost,
        latency_ms_sum     = usage_daily.latency_ms_sum + excluded.latency_ms_sum;
    return null;
end
$$;

-- The trigger comes first: creating it locks usage_record against writes until this migration commits, so no row
-- lands between the backfill below and the trigger taking over.
create trigger usage_record_rollup
    after insert on usage_record
    referencing new table as inserted
    for each statement
execute function usage_daily_add();

insert into usage_daily (team_id, day, model, api_key_id, kind, source, status, requests,
                         input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
                         input_cost, output_cost, cache_read_cost, cache_write_cost, request_cost, total_cost,
                         latency_ms_sum)
select team_id, (created_at at time zone 'UTC')::date, model, api_key_id, kind, source, status, count(*),
       sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens),
       sum(input_cost), sum(output_cost), sum(cache_read_cost), sum(cache_write_cost), sum(request_cost),
       sum(total_cost), sum(latency_ms)
from usage_record
group by 1, 2, 3, 4, 5, 6, 7;

-- The usage grid pages newest first by (created_at, id), all rows or one model's.
create index usage_record_team_page_idx on usage_record (team_id, created_at desc, id desc);
create index usage_record_team_model_page_idx on usage_record (team_id, model, created_at desc, id desc);
drop index usage_record_team_time_idx;
