-- The model catalog: every model the gateway sells, with exact prices in Cr$.
-- Chat models are priced per 1M tokens; image and video models per request.
create table model (
    id                     varchar(100)  primary key,
    name                   varchar(200)  not null,
    kind                   varchar(16)   not null check (kind in ('CHAT', 'IMAGE', 'VIDEO')),
    input_price            numeric(20, 9) check (input_price >= 0),
    output_price           numeric(20, 9) check (output_price >= 0),
    cache_read_multiplier  numeric(6, 4)  check (cache_read_multiplier >= 0),
    cache_write_multiplier numeric(6, 4)  check (cache_write_multiplier >= 0),
    context_window         integer        check (context_window > 0),
    request_price          numeric(20, 9) check (request_price >= 0),
    width                  integer        check (width > 0),
    height                 integer        check (height > 0),
    enabled                boolean        not null default true,
    sort_order             integer        not null,
    created_at             timestamptz    not null default now(),
    constraint chat_models_have_token_prices check (
        kind <> 'CHAT' or (input_price is not null and output_price is not null
            and cache_read_multiplier is not null and cache_write_multiplier is not null
            and context_window is not null)),
    constraint media_models_have_request_price check (kind = 'CHAT' or request_price is not null),
    constraint image_models_have_resolution check (kind <> 'IMAGE' or (width is not null and height is not null))
);

insert into model (id, name, kind, input_price, output_price, cache_read_multiplier, cache_write_multiplier,
                   context_window, sort_order) values
    ('aws/claude-opus-4-7',   'Claude Opus 4.7',   'CHAT', 5.00, 25.00, 0.53, 1.25, 1000000, 10),
    ('aws/claude-opus-4-6',   'Claude Opus 4.6',   'CHAT', 5.00, 25.00, 0.53, 1.25, 1000000, 20),
    ('aws/claude-opus-4-5',   'Claude Opus 4.5',   'CHAT', 5.00, 25.00, 0.53, 1.25, 1000000, 30),
    ('aws/claude-sonnet-4-6', 'Claude Sonnet 4.6', 'CHAT', 3.00, 15.00, 0.53, 1.25, 1000000, 40),
    ('aws/claude-sonnet-4-5', 'Claude Sonnet 4.5', 'CHAT', 3.00, 15.00, 0.53, 1.25, 1000000, 50),
    ('aws/claude-sonnet-4-0', 'Claude Sonnet 4.0', 'CHAT', 3.00, 15.00, 0.53, 1.25, 1000000, 60),
    ('aws/claude-haiku-4-5',  'Claude Haiku 4.5',  'CHAT', 1.00,  5.00, 0.53, 1.25, 1000000, 70),
    ('aws/minimax-m2.5',      'MiniMax M2.5',      'CHAT', 0.50,  2.00, 0.53, 1.25, 1000000, 80),
    ('aws/minimax-m2.1',      'MiniMax M2.1',      'CHAT', 0.30,  1.50, 0.53, 1.25, 1000000, 90),
    ('aws/glm-5',             'GLM-5',             'CHAT', 1.00,  5.00, 0.53, 1.25, 1000000, 100),
    ('aws/qwen3-codex',       'Qwen3 Codex Next',  'CHAT', 0.10,  0.50, 0.53, 1.25, 1000000, 110);

insert into model (id, name, kind, request_price, width, height, sort_order) values
    ('enterprise/image-2',                            'Image 2',                            'IMAGE', 0.16, 1024, 1024, 200),
    ('enterprise/gemini-3.1-flash-image-preview-1k', 'Gemini 3.1 Flash Image Preview 1K', 'IMAGE', 0.16, 1024, 1024, 210),
    ('enterprise/gemini-3.1-flash-image-preview-2k', 'Gemini 3.1 Flash Image Preview 2K', 'IMAGE', 0.18, 2048, 2048, 220),
    ('enterprise/gemini-3.1-flash-image-preview-4k', 'Gemini 3.1 Flash Image Preview 4K', 'IMAGE', 0.20, 4096, 4096, 230),
    ('enterprise/gemini-3-pro-image-preview-1k',     'Gemini 3 Pro Image Preview 1K',     'IMAGE', 0.32, 1024, 1024, 240),
    ('enterprise/gemini-3-pro-image-preview-2k',     'Gemini 3 Pro Image Preview 2K',     'IMAGE', 0.36, 2048, 2048, 250),
    ('enterprise/gemini-3-pro-image-preview-4k',     'Gemini 3 Pro Image Preview 4K',     'IMAGE', 0.40, 4096, 4096, 260);

insert into model (id, name, kind, request_price, sort_order) values
    ('enterprise/seedance-1-5-pro', 'Seedance 1.5 Pro', 'VIDEO', 0.60, 300);
