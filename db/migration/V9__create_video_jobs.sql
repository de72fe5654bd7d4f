-- Video requests run as durable jobs: accepted and paid for in the request, then made by whichever worker claims
-- them. A claim is a lease (locked_by, locked_until), so the job of a worker that died is claimed again; status
-- only moves forward (QUEUED -> IN_PROGRESS -> COMPLETED | FAILED), each move a compare-and-set.
create table video_job (
    id               varchar(29)    primary key,
    team_id          uuid           not null references team (id),
    api_key_id       uuid           references api_key (id),
    user_id          uuid           references app_user (id),
    request_id       varchar(64)    not null,
    source           varchar(16)    not null check (source in ('API', 'PLAYGROUND')),
    dialect          varchar(16),
    model            varchar(100)   not null,
    prompt           text           not null,
    seconds          integer        not null check (seconds > 0),
    size             varchar(16)    not null,
    -- the caller's starting image, dropped once the job is finished
    reference_image  bytea,
    status           varchar(16)    not null check (status in ('QUEUED', 'IN_PROGRESS', 'COMPLETED', 'FAILED')),
    progress         integer        not null default 0 check (progress between 0 and 100),
    charge_id        uuid           not null references prepaid_charge (id),
    cost             numeric(20, 9) not null check (cost >= 0),
    channel          varchar(100),
    -- the upstream's task, kept so that whoever claims the job next follows it instead of submitting again
    upstream_task_id varchar(200),
    attempts         integer        not null default 0,
    locked_by        varchar(100),
    locked_until     timestamptz,
    video_media_id   varchar(32)    references media_item (id),
    error            varchar(500),
    refunded         boolean        not null default false,
    created_at       timestamptz    not null,
    started_at       timestamptz,
    completed_at     timestamptz,
    updated_at       timestamptz    not null,
    deleted_at       timestamptz,
    constraint video_job_request_key unique (request_id),
    constraint video_job_finished_time check ((status in ('COMPLETED', 'FAILED')) = (completed_at is not null)),
    constraint video_job_completed_has_video check (status <> 'COMPLETED' or video_media_id is not null),
    constraint video_job_deleted_when_finished check (deleted_at is null or completed_at is not null)
);
create index video_job_claim_idx on video_job (status, created_at) where status in ('QUEUED', 'IN_PROGRESS');
create index video_job_team_time_idx on video_job (team_id, created_at desc, id desc) where deleted_at is null;
