-- Images and videos the gateway produced: bytes live in the media store under the unguessable id,
-- metadata here. Deleting removes the bytes and marks the row, so history keeps what was made and paid.
create table media_item (
    id             varchar(32)    primary key,
    team_id        uuid           not null references team (id),
    api_key_id     uuid           references api_key (id),
    user_id        uuid           references app_user (id),
    request_id     varchar(64)    not null,
    kind           varchar(16)    not null check (kind in ('IMAGE', 'VIDEO')),
    model          varchar(100)   not null,
    prompt         text           not null,
    width          integer        not null check (width > 0),
    height         integer        not null check (height > 0),
    media_type     varchar(64)    not null,
    extension      varchar(8)     not null,
    bytes          bigint         not null check (bytes >= 0),
    checksum       char(64)       not null,
    cost           numeric(20, 9) not null check (cost >= 0),
    edited_from    varchar(32)    references media_item (id),
    has_thumbnail  boolean        not null default false,
    created_at     timestamptz    not null,
    deleted_at     timestamptz
);
create index media_item_team_time_idx on media_item (team_id, created_at desc, id desc) where deleted_at is null;
create index media_item_request_idx on media_item (request_id);
