-- Every settled call appends a usage row and a ledger entry. Their foreign keys had the database look up and lock
-- (FOR KEY SHARE) the call's team, key and account once per row: three checks a call, 13 % of the database's CPU under
-- load (decision 0061). The rows they point to are never deleted (keys are revoked, teams and users stay), and every
-- insert comes from a call whose key and team were just read and whose account the same transaction updates, so the
-- checks had nothing left to catch. Like the webhook outbox (decision 0047), these rows now take no lock on the team.
alter table usage_record
    drop constraint usage_record_team_id_fkey,
    drop constraint usage_record_api_key_id_fkey,
    drop constraint usage_record_user_id_fkey;

alter table ledger_entry drop constraint ledger_entry_team_id_fkey;
