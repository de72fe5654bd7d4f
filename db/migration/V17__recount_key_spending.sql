-- A key without a budget used to count only its chats, and a refund took its amount off every key: recount each
-- key's spending as everything it was charged, settled chats and kept fixed-price charges alike.
update api_key k
set spent = coalesce((select sum(h.charged) from credit_hold h
                      where h.api_key_id = k.id and h.charged is not null), 0)
          + coalesce((select sum(p.amount) from prepaid_charge p
                      where p.api_key_id = k.id and p.status = 'CHARGED'), 0);
