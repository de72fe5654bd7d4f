-- Other names for catalog models: the native ids the vendors' SDKs and tools send (claude-sonnet-4-6, dated
-- snapshots such as claude-sonnet-4-5-20250929) resolve to the model the gateway sells under that name. An alias is
-- looked up only when no model has the requested id, so it never shadows a real model.
create table model_alias (
    alias      varchar(100) primary key,
    model_id   varchar(100) not null references model (id) on delete cascade,
    created_at timestamptz  not null default now()
);

create index model_alias_model_id on model_alias (model_id);

-- Each chat model under its bare native id, and each Claude model under the dated snapshot ids Anthropic publishes
-- for that version. Versions the catalog does not sell (claude-opus-4-1, claude-3-7-sonnet-…) are left to the
-- family rule. Rows whose model is gone, or whose alias is itself a model id, are skipped.
insert into model_alias (alias, model_id)
select seeded.alias, seeded.model_id
from (values
    ('claude-opus-4-7',            'aws/claude-opus-4-7'),
    ('claude-opus-4-6',            'aws/claude-opus-4-6'),
    ('claude-opus-4-5',            'aws/claude-opus-4-5'),
    ('claude-opus-4-5-20251101',   'aws/claude-opus-4-5'),
    ('claude-sonnet-4-6',          'aws/claude-sonnet-4-6'),
    ('claude-sonnet-4-5',          'aws/claude-sonnet-4-5'),
    ('claude-sonnet-4-5-20250929', 'aws/claude-sonnet-4-5'),
    ('claude-sonnet-4-0',          'aws/claude-sonnet-4-0'),
    ('claude-sonnet-4-20250514',   'aws/claude-sonnet-4-0'),
    ('claude-haiku-4-5',           'aws/claude-haiku-4-5'),
    ('claude-haiku-4-5-20251001',  'aws/claude-haiku-4-5'),
    ('minimax-m2.5',               'aws/minimax-m2.5'),
    ('minimax-m2.1',               'aws/minimax-m2.1'),
    ('glm-5',                      'aws/glm-5'),
    ('qwen3-codex',                'aws/qwen3-codex')
) as seeded (alias, model_id)
where exists (select 1 from model where model.id = seeded.model_id)
  and not exists (select 1 from model where model.id = seeded.alias);
