-- A video job keeps the W3C trace context of the request that queued it (its traceparent, null when the caller sent
-- none), so that the worker that submits it, on any replica and after any restart, makes its upstream requests in the
-- caller's trace, and the job's span is exported under the caller's span when it ends (decision 0074).
alter table video_job add column trace_context text;
