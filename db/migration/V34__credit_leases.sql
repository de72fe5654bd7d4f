-- A credit lease: one hold an instance keeps for a team (and key) and reserves its calls from in memory, so a call's
-- hold costs no statement. Its amount shrinks by each charge taken from it and grows when the instance extends it;
-- a lease used up to the last credit is zero until it is extended or returned. Renewed, swept and released at
-- start-up like any hold, so a lease whose instance died gives its credit back the same way (decision 0057).
alter table credit_hold add column lease boolean not null default false;
alter table credit_hold drop constraint credit_hold_amount_check;
alter table credit_hold add constraint credit_hold_amount_check check (amount > 0 or (lease and amount = 0));
