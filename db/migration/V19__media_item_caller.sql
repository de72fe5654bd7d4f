-- A stored image or video keeps the whole of who made it and how: the source (API or portal) and the API dialect,
-- next to the team, key, person and request it already had. Rows from before take them from their request's usage
-- row, or from whether a key made them.
alter table media_item add column source varchar(16) check (source in ('API', 'PLAYGROUND'));
alter table media_item add column dialect varchar(16);

update media_item m
set source  = coalesce(u.source, case when m.api_key_id is null then 'PLAYGROUND' else 'API' end),
    dialect = u.dialect
from (select m2.id, r.source, r.dialect
      from media_item m2 left join usage_record r on r.request_id = m2.request_id) u
where u.id = m.id;

alter table media_item alter column source set not null;
