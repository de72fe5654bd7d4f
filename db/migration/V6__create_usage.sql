-- One row per model request that reached billing: who, what, how many tokens, what it cost and how it went.
create table usage_record (
    id                 bigint generated always as identity primary key,
    request_id         varchar(64)    not null,
    team_id            uuid           not null references team (id),
    api_key_id         uuid           references api_key (id),
    user_id            uuid           references app_user (id),
    source             varchar(16)    not null check (source in ('API', 'PLAYGROUND')),
    kind               varchar(16)    not null check (kind in ('CHAT', 'IMAGE', 'EDIT', 'VIDEO')),
    model              varchar(100)   not null,
    dialect            varchar(16),
    channel            varchar(100),
    status             varchar(16)    not null check (status in ('SUCCEEDED', 'CANCELLED', 'FAILED')),
    input_tokens       bigint         not null default 0,
    output_tokens      bigint         not null default 0,
    cache_read_tokens  bigint         not null default 0,
    cache_write_tokens bigint         not null default 0,
    input_cost         numeric(20, 9) not null default 0,
    output_cost        numeric(20, 9) not null default 0,
    cache_read_cost    numeric(20, 9) not null default 0,
    cache_write_cost   numeric(20, 9) not null default 0,
    request_cost       numeric(20, 9) not null default 0,
    total_cost         numeric(20, 9) not null default 0,
    latency_ms         integer        not null,
    first_token_ms     integer,
    finish_reason      varchar(32),
    error              varchar(500),
    created_at         timestamptz    not null,
    constraint usage_record_request_key unique (request_id),
    constraint usage_record_total check (
        total_cost = input_cost + output_cost + cache_read_cost + cache_write_cost + request_cost)
);
create index usage_record_team_time_idx on usage_record (team_id, created_at desc);
create index usage_record_key_idx on usage_record (api_key_id, created_at desc);
