-- Counts the changes to a key's settings. Callers carry the revision they authenticated with, so whatever an instance
-- keeps for a key (its credit lease) can tell that the key changed since, on every replica.
alter table api_key add column revision bigint not null default 0;
