-- Webhook signing secrets are sealed with the instance's secret key like upstream channel secrets (AES-256-GCM, the
-- team's id as associated data). Rows written before this keep their plain secret until the application seals it at
-- its next start.
alter table team_webhook add column signing_secret_sealed bytea;
alter table team_webhook alter column signing_secret drop not null;
alter table team_webhook add constraint team_webhook_secret_present
    check (signing_secret is not null or signing_secret_sealed is not null);
