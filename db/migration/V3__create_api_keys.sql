-- vai- keys. Only the SHA-256 of the key is stored; the plaintext is shown once at creation.
create table api_key (
    id             uuid           primary key,
    team_id        uuid           not null references team (id),
    name           varchar(100)   not null,
    key_hash       varchar(64)    not null,
    last_four      varchar(4)     not null,
    created_by     uuid           references app_user (id),
    created_at     timestamptz    not null,
    expires_at     timestamptz,
    budget         numeric(20, 9) check (budget > 0),
    spent          numeric(20, 9) not null default 0 check (spent >= 0),
    allowed_models varchar(100)[],
    rpm            integer        check (rpm > 0),
    last_used_at   timestamptz,
    revoked_at     timestamptz,
    constraint api_key_hash_key unique (key_hash)
);
create index api_key_team_idx on api_key (team_id, created_at desc);
