-- A team's credit balance and the append-only ledger that explains it: balance = sum(ledger amounts).
create table credit_account (
    team_id    uuid           primary key references team (id),
    balance    numeric(20, 9) not null default 0 check (balance >= 0),
    updated_at timestamptz    not null
);

create table ledger_entry (
    id            bigint generated always as identity primary key,
    team_id       uuid           not null references credit_account (team_id),
    kind          varchar(16)    not null check (kind in ('TOP_UP', 'CHARGE', 'REFUND', 'ADJUSTMENT')),
    amount        numeric(20, 9) not null,
    balance_after numeric(20, 9) not null check (balance_after >= 0),
    note          varchar(500),
    reference     varchar(100),
    created_by    varchar(320),
    created_at    timestamptz    not null
);
create index ledger_entry_team_idx on ledger_entry (team_id, id desc);

create function reject_ledger_change() returns trigger language plpgsql as $$
begin
    raise exception 'ledger_entry is append-only';
end
$$;

create trigger ledger_entry_append_only
    before update or delete on ledger_entry
    for each row execute function reject_ledger_change();
