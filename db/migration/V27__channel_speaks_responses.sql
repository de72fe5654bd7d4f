-- An OpenAI-compatible channel whose upstream serves the Responses API (/responses): a Responses caller's request goes
-- there as sent instead of being translated to Chat Completions. Other kinds speak their own API, so only this kind may
-- say so.
alter table upstream_channel add column speaks_responses boolean not null default false;
alter table upstream_channel add constraint upstream_channel_speaks_responses_check
    check (not speaks_responses or kind = 'openai-compatible');
