-- The built-in simulator becomes a channel of its own kind, so routing, the admin view and the admin API treat it like
-- any other. It calls no upstream, so it has no base URL (and every other kind still needs one), and there is only ever
-- one: the application adds it at start when it is missing, and nobody can add a second.
alter table upstream_channel drop constraint upstream_channel_kind_check;
alter table upstream_channel add constraint upstream_channel_kind_check
    check (kind in ('openai-compatible', 'anthropic', 'bedrock', 'gemini-image', 'seedance', 'simulator'));

alter table upstream_channel alter column base_url drop not null;
alter table upstream_channel add constraint upstream_channel_base_url_check
    check ((base_url is null) = (kind = 'simulator'));

create unique index upstream_channel_one_simulator on upstream_channel (kind) where kind = 'simulator';
