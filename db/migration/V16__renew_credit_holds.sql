-- A hold lives as long as its call. The instance running the call renews its holds every few seconds (renewed_at),
-- and the sweeper releases only holds neither renewed nor made within the hold timeout: those of calls whose instance
-- died. The open-holds index on created_at still serves the sweeper, and renewals, touching no indexed column, stay
-- cheap heap-only updates.
alter table credit_hold add column renewed_at timestamptz;

-- When the sweeper released the hold. A released hold has no charge yet: should its call turn out to be alive after
-- all and settle, it is charged then, once, straight from the balance.
alter table credit_hold add column released_at timestamptz;

alter table credit_hold drop constraint credit_hold_settled_has_charge;
alter table credit_hold add constraint credit_hold_settled_has_charge
    check ((status = 'SETTLED') = (charged is not null or released_at is not null));
