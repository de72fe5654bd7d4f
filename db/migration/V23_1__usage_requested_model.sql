-- The model id a chat request asked for, beside the model that served it (usage_record.model): they differ when the
-- caller named an alias or a native id. Null on rows written before it was recorded and on image and video rows.
alter table usage_record add column requested_model varchar(100);
