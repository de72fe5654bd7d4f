-- Fixed-price requests (images, videos) pay when they are accepted and are refunded if they fail.
-- The refund is a compare-and-set on status, so however often failure is reported it is refunded once.
create table prepaid_charge (
    id            uuid           primary key,
    team_id       uuid           not null references credit_account (team_id),
    api_key_id    uuid           references api_key (id),
    request_id    varchar(64)    not null,
    amount        numeric(20, 9) not null check (amount > 0),
    status        varchar(16)    not null check (status in ('CHARGED', 'REFUNDED')),
    note          varchar(500)   not null,
    created_at    timestamptz    not null,
    refunded_at   timestamptz,
    refund_reason varchar(500),
    constraint prepaid_charge_request_key unique (request_id),
    constraint prepaid_charge_refund_time check ((status = 'REFUNDED') = (refunded_at is not null))
);
create index prepaid_charge_team_idx on prepaid_charge (team_id, created_at desc);
