-- Responses a team created through the Responses API with store on (OpenAI's default), so that a later request can
-- continue the conversation with previous_response_id and the caller can read or delete them. Each row keeps the
-- request's own input items as sent and the Response object as returned; a conversation is the chain of rows linked
-- by previous_response_id. Rows are kept until expires_at (the retention setting at the time of writing), then purged.
create table stored_response (
    id                   varchar(100) primary key,
    team_id              uuid         not null references team (id) on delete cascade,
    previous_response_id varchar(100),
    model                varchar(100) not null,
    input_items          jsonb        not null,
    response             jsonb        not null,
    created_at           timestamptz  not null,
    expires_at           timestamptz  not null
);

create index stored_response_team_id on stored_response (team_id);
create index stored_response_expires_at on stored_response (expires_at);
-- input items that refer to an earlier output item by id (item_reference) are looked up by containment
create index stored_response_output_items on stored_response using gin ((response -> 'output') jsonb_path_ops);
