-- The statement that settles a batch of calls whose holds are all held calls this with whether the batch turned out
-- to be one: when it is not, the error aborts the statement, and with it the usage rows sent in the same round trip,
-- so that a settle running outside a transaction commits all of its batch or nothing. The caller recognises the
-- error by its code and settles the batch case by case instead.
create function settle_batch_fits(fits boolean) returns boolean
    language plpgsql
as
$$
begin
    if not fits then
        raise exception 'the batch is not one whose holds are all held and whose charges all fit'
            using errcode = 'TG409';
    end if;
    return true;
end
$$;
