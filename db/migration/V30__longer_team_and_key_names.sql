-- Team and key names may be 200 characters long: room for a descriptive name, short enough for a grid cell with an
-- ellipsis. Widening a varchar keeps every row as it is.
alter table team alter column name type varchar(200);
alter table api_key alter column name type varchar(200);
