-- How many of a request's output tokens the model spent reasoning, as the upstream reports them (OpenAI's
-- completion_tokens_details.reasoning_tokens, the simulator's thinking). A part of output_tokens and priced with them,
-- so it has no cost line of its own: it tells a team where its output went, not what it paid extra.
alter table usage_record
    add column reasoning_tokens bigint not null default 0,
    add constraint usage_record_reasoning_within_output check (reasoning_tokens between 0 and output_tokens);

alter table usage_daily add column reasoning_tokens bigint not null default 0;

create or replace function usage_daily_add() returns trigger
    language plpgsql as
$$
begin
    insert into usage_daily (team_id, day, model, api_key_id, kind, source, status, requests,
                             input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
                             cache_write_1h_tokens, reasoning_tokens, input_cost, output_cost, cache_read_cost,
                             cache_write_cost, cache_write_1h_cost, request_cost, total_cost, latency_ms_sum)
    select team_id, (created_at at time zone 'UTC')::date, model, api_key_id, kind, source, status, count(*),
           sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens),
           sum(cache_write_1h_tokens), sum(reasoning_tokens), sum(input_cost), sum(output_cost), sum(cache_read_cost),
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
        reasoning_tokens      = usage_daily.reasoning_tokens + excluded.reasoning_tokens,
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
