-- The most output tokens each chat model can give in one reply, as its vendor publishes it. A request asking for more
-- max_tokens is refused, so no hold is ever sized for output the model cannot produce.
alter table model add column max_output_tokens integer check (max_output_tokens > 0);

update model set max_output_tokens = limits.tokens
from (values
    ('aws/claude-opus-4-7',   128000),
    ('aws/claude-opus-4-6',   128000),
    ('aws/claude-opus-4-5',    64000),
    ('aws/claude-sonnet-4-6', 128000),
    ('aws/claude-sonnet-4-5',  64000),
    ('aws/claude-sonnet-4-0',  64000),
    ('aws/claude-haiku-4-5',   64000),
    ('aws/minimax-m2.5',      131072),
    ('aws/minimax-m2.1',      131072),
    ('aws/glm-5',             131072),
    ('aws/qwen3-codex',        65536)
) as limits (id, tokens)
where model.id = limits.id;

-- a chat model added by hand, outside these migrations, gets the gateway's default output cap until it is set
update model set max_output_tokens = 4096 where kind = 'CHAT' and max_output_tokens is null;

alter table model add constraint chat_models_have_max_output_tokens
    check (kind <> 'CHAT' or max_output_tokens is not null);
