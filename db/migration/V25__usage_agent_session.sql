-- The agent session a request belonged to (Claude Code's x-claude-code-session-id), so a team can add up what one
-- session cost. Not a roll-up dimension: a session filter reads the rows, through this index.
alter table usage_record add column session_id varchar(128);
create index usage_record_session_idx on usage_record (team_id, session_id, created_at desc)
    where session_id is not null;
