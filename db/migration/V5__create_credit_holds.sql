-- Credit held for requests in flight: reserved before the upstream call, settled exactly once after it.
-- Available credit is balance - held; a settle lowers both by the hold and the actual charge.
alter table credit_account add column held numeric(20, 9) not null default 0;
alter table credit_account add constraint credit_account_held_check check (held >= 0 and held <= balance);

create table credit_hold (
    id          uuid           primary key,
    team_id     uuid           not null references credit_account (team_id),
    request_id  varchar(64)    not null,
    amount      numeric(20, 9) not null check (amount > 0),
    status      varchar(16)    not null check (status in ('HELD', 'SETTLED')),
    charged     numeric(20, 9) check (charged >= 0),
    created_at  timestamptz    not null,
    settled_at  timestamptz,
    constraint credit_hold_request_key unique (request_id),
    constraint credit_hold_settled_has_charge check ((status = 'SETTLED') = (charged is not null))
);
create index credit_hold_open_idx on credit_hold (created_at) where status = 'HELD';

-- A key's budget counts what it spent plus what its requests in flight have reserved.
alter table api_key add column reserved numeric(20, 9) not null default 0 check (reserved >= 0);

-- The key a hold was made with, so a hold released by the sweeper also frees that key's reserved budget.
alter table credit_hold add column api_key_id uuid references api_key (id);
