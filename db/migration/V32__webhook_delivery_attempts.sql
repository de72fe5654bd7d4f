-- Every attempt to post a webhook event to a team's receiver, so its owners and admins can see in the portal what
-- arrived, what the receiver answered and when the next retry is due. Written by the delivery code after each attempt;
-- an event's attempts share its event id (the X-Tollgate-Event-Id header the receiver saw).
create table webhook_delivery_attempt (
    id            bigint       generated always as identity primary key,
    team_id       uuid         not null references team (id),
    event_id      uuid         not null,
    event_type    varchar(40)  not null,
    attempt       smallint     not null check (attempt > 0),
    attempted_at  timestamptz  not null,
    -- the receiver's answer; null when no answer came (refused address, network error, time-out)
    http_status   smallint,
    -- why the attempt failed, in words; null when delivered
    error         varchar(500),
    next_retry_at timestamptz
);
create index webhook_delivery_attempt_team_idx on webhook_delivery_attempt (team_id, attempted_at desc, id desc);
