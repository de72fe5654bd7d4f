-- A key's spending crossing 80% or 100% of its budget, recorded once per crossing: the unique constraint makes the
-- insert after each spending update a no-op for thresholds already crossed, and a new budget arms them again.
create table key_budget_alert (
    id         uuid           primary key,
    api_key_id uuid           not null references api_key (id),
    team_id    uuid           not null references team (id),
    threshold  smallint       not null check (threshold in (80, 100)),
    budget     numeric(20, 9) not null check (budget > 0),
    spent      numeric(20, 9) not null check (spent >= 0),
    created_at timestamptz    not null,
    -- read for the whole team: one owner or admin marking alerts read clears them for the others too
    read_at    timestamptz,
    constraint key_budget_alert_once unique (api_key_id, threshold, budget)
);
create index key_budget_alert_unread_idx on key_budget_alert (team_id, created_at desc) where read_at is null;

-- Where a team's events are posted, and the secret they are signed with. The secret is stored as is for now; it is to
-- be encrypted at rest together with the upstream channel secrets.
create table team_webhook (
    team_id        uuid          primary key references team (id),
    url            varchar(2000) not null,
    signing_secret varchar(100)  not null,
    created_at     timestamptz   not null,
    updated_at     timestamptz   not null
);
