-- A fixed-price charge is confirmed by its caller once what it paid for exists (images stored, a video job queued).
-- One left unconfirmed belonged to a request that died before that (the process was killed mid-render): it is
-- refunded at start-up on an embedded database, and after a timeout by the sweeper on a shared one. Charges made
-- before confirmation existed were all kept, so they count as confirmed.
alter table prepaid_charge add column confirmed_at timestamptz;
update prepaid_charge set confirmed_at = created_at;
create index prepaid_charge_unconfirmed_idx on prepaid_charge (created_at)
    where status = 'CHARGED' and confirmed_at is null;
