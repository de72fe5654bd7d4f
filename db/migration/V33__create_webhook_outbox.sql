-- Webhook events waiting to be posted, one row per event, written in the transaction that recorded the fact behind
-- it, so an event exists exactly when that fact committed and survives the instance that made it. Workers on every
-- instance claim due rows (for update skip locked) with a lease they renew while they post; a row whose lease ran out
-- (its instance died) is claimed again by any instance. Decision 0047.
create table webhook_outbox (
    -- the X-Tollgate-Event-Id header, the same on every attempt (a budget alert's id)
    event_id        uuid         primary key,
    -- no foreign key: the row is written in the money's transaction, which should take no lock on the team for it
    team_id         uuid         not null,
    event_type      varchar(40)  not null,
    -- the JSON body exactly as it is posted on every attempt; only the timestamp and signature headers change
    payload         bytea        not null,
    state           varchar(10)  not null default 'pending' check (state in ('pending', 'delivered', 'failed')),
    -- attempts whose outcome was recorded; an attempt cut off by a dying instance is made again under its number
    attempts        smallint     not null default 0 check (attempts >= 0),
    next_attempt_at timestamptz  not null,
    -- the instance that holds the row until claimed_until, or held it last
    claimed_by      varchar(100),
    claimed_until   timestamptz,
    last_error      varchar(500),
    created_at      timestamptz  not null,
    delivered_at    timestamptz,
    constraint webhook_outbox_delivered_at check ((state = 'delivered') = (delivered_at is not null))
);
create index webhook_outbox_due_idx on webhook_outbox (next_attempt_at) where state = 'pending';
create index webhook_outbox_finished_idx on webhook_outbox (created_at) where state <> 'pending';

-- the delivery log is pruned with the outbox after the same retention
create index webhook_delivery_attempt_attempted_idx on webhook_delivery_attempt (attempted_at);
