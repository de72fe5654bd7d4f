-- Real upstreams a model can be sent to. The secret is sealed with AES-256-GCM under the instance's secret key, with
-- the row's id as associated data: a database dump shows neither the key nor anything that opens elsewhere.
create table upstream_channel (
    id                 uuid          primary key,
    name               varchar(80)   not null unique,
    kind               varchar(40)   not null
        check (kind in ('openai-compatible', 'anthropic', 'bedrock', 'gemini-image', 'seedance')),
    base_url           varchar(2000) not null,
    region             varchar(40),
    secret_sealed      bytea,
    -- catalog model id -> the upstream's id for it
    models             jsonb         not null default '{}'::jsonb,
    priority           integer       not null default 0,
    weight             integer       not null default 1 check (weight between 1 and 1000),
    connect_timeout_ms integer       not null check (connect_timeout_ms > 0),
    timeout_ms         integer       not null check (timeout_ms > 0),
    enabled            boolean       not null default true,
    -- defined under tollgate.channels: replaced from configuration at every start, read-only in the admin view
    from_config        boolean       not null default false,
    created_at         timestamptz   not null,
    updated_at         timestamptz   not null
);
