-- A key's budget, what it has spent and what its calls in flight reserve are money, so they move out of api_key into
-- a table of billing's, beside the team balance: one hold, settle, refund or release changes both in one statement
-- or one short transaction. Every key has a row (spending is counted with a budget or without); only billing reads
-- or writes it.
create table key_budget (
    api_key_id uuid           primary key references api_key (id),
    team_id    uuid           not null references team (id),
    budget     numeric(20, 9) check (budget > 0),
    spent      numeric(20, 9) not null default 0 check (spent >= 0),
    reserved   numeric(20, 9) not null default 0 check (reserved >= 0)
);
create index key_budget_team_idx on key_budget (team_id);

insert into key_budget (api_key_id, team_id, budget, spent, reserved)
select id, team_id, budget, spent, reserved from api_key;

-- Whether a hold reserved part of its key's budget as well (only a key with a budget reserves), so whoever ends the
-- hold (its call, the sweeper, the start-up release) frees exactly that. Open holds of budgeted keys did.
alter table credit_hold add column holds_key_budget boolean not null default false;
update credit_hold h set holds_key_budget = true
from api_key k
where h.api_key_id = k.id and h.status = 'HELD' and k.budget is not null;

alter table api_key drop column budget, drop column spent, drop column reserved;
