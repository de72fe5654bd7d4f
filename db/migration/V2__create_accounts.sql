-- People who sign in to the portal, the teams they belong to and their role in each.
create table app_user (
    id             uuid         primary key,
    email          varchar(320) not null,
    display_name   varchar(200) not null,
    password_hash  varchar(100) not null,
    platform_admin boolean      not null default false,
    enabled        boolean      not null default true,
    created_at     timestamptz  not null
);
create unique index app_user_email_key on app_user (lower(email));

create table team (
    id         uuid         primary key,
    name       varchar(100) not null,
    created_at timestamptz  not null
);
create unique index team_name_key on team (lower(name));

create table team_member (
    id        uuid        primary key,
    team_id   uuid        not null references team (id),
    user_id   uuid        not null references app_user (id),
    role      varchar(16) not null check (role in ('OWNER', 'ADMIN', 'MEMBER')),
    joined_at timestamptz not null,
    constraint team_member_once unique (team_id, user_id)
);
create index team_member_user_idx on team_member (user_id);
