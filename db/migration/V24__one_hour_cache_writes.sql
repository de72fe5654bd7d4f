-- Anthropic prices a cache entry kept one hour above one kept five minutes (2× input against 1.25×), so one-hour
-- cache writes get a multiplier of their own in the catalog and a line of their own in usage and its daily sums.
-- cache_write_* stays the five-minute line; the prompt is input + cache reads + both kinds of write.
alter table model add column cache_write_1h_multiplier numeric(6, 4) check (cache_write_1h_multiplier >= 0);
update model set cache_write_1h_multiplier = 2.0 where kind = 'CHAT';
alter table model add constraint chat_models_have_one_hour_cache_price check (
    kind <> 'CHAT' or cache_write_1h_multiplier is not null);

alter table usage_record
    add column cache_write_1h_tokens bigint         not null default 0,
    add column cache_write_1h_cost   numeric(20, 9) not null default 0,
    drop constraint usage_record_total,
    add constraint usage_record_total check (
        total_cost = input_cost + output_cost + cache_read_cost + cache_write_cost + cache_write_1h_cost
            + request_cost);

alter table usage_daily
    add column cache_write_1h_tokens bigint         not null default 0,
    add column cache_write_1h_cost   numeric(24, 9) not null default 0;

create or replace function usage_daily_add() returns trigger
    language plpgsql as
$$
begin
    insert into usage_daily (team_id, day, model, api_key_id, kind, source, status, requests,
                             input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
                             cache_write_1h_tokens, input_cost, output_cost, cache_read_cost, cache_write_cost,
                             cache_write_1h_cost, request_cost, total_cost, latency_ms_sum)
    select team_id, (created_at at time zone 'UTC')::date, model, api_key_id, kind, source, status, count(*),
           sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens),
           sum(cache_write_1h_tokens), sum(input_cost), sum(output_cost), sum(cache_read_cost),
           sum(cache_write_cost), sum(cache_write_1h_cost), sum(request_cost), sum(total_cost), sum(latency_ms)
    from inserted
    group by 1, 2, 3, 4, 5, 6, 7
    order by 1, 2, 3, 4, 5, 6, 7
    on conflict on constraint usage_daily_group do update set
        requests              = usage_daily.requests + excluded.requests,
        input_tokens          = usage_daily.input_tokens + excluded.input_tokens,
        output_tokens         = usage_daily.output_tokens + excluded.output_tokens,
        cache_read_tokens     = usage_daily.cache_read_tokens + excluded.cache_read_tokens,
        cache_write_tokens    = usage_daily.cache_write_tokens + excluded.cache_write_tokens,
        cache_write_1h_tokens = usage_daily.cache_write_1h_tokens + excluded.cache_write_1h_tokens,
        input_cost            = usage_daily.input_cost + excluded.input_cost,
        output_cost           = usage_daily.output_cost + excluded.output_cost,
        cache_read_cost       = usage_daily.cache_read_cost + excluded.cache_read_cost,
        cache_write_cost      = usage_daily.cache_write_cost + excluded.cache_write_cost,
        cache_write_1h_cost   = usage_daily.cache_write_1h_cost + excluded.cache_write_1h_cost,
        request_cost          = usage_daily.request_cost + excluded.request_cost,
        total_cost            = usage_daily.total_cost + excluded.total_cost,
        latency_ms_sum        = usage_daily.latency_ms_sum + excluded.latency_ms_sum;
    return null;
end
$$;
