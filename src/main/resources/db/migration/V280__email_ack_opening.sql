-- What acknowledging a new email case reads, in one round trip instead of three (the opening message, then the
-- per-address lock, then the count of acknowledgements sent to that address in the last hour).
-- The opening message: the case's NEW_CASE row, and whether it came from one of the organization's own addresses.
-- When it may be acknowledged (an address, not automatic mail, not asking for no automatic answer, not a bounce, not
-- our own), the function takes the transaction-scoped advisory lock on the organization and address that serializes
-- the acknowledgements to one address, and only then counts those sent to it since p_since. The count is a query of
-- its own in a VOLATILE function, so in READ COMMITTED it runs with a snapshot taken after the lock is held and sees
-- every acknowledgement committed by the lock's previous holder: the hourly limit holds as with separate statements.
-- acks is null when nothing was locked or counted.
create function email_ack_opening(p_organization uuid, p_case uuid, p_since timestamptz)
    returns table (mailbox_id uuid, message_id text, address text, subject text, auto_submitted boolean, bounce boolean,
                   malformed boolean, no_auto_reply boolean, own boolean, acks integer)
    language plpgsql volatile
as $$
begin
    select e.mailbox_id, e.message_id, e.address, e.subject, e.auto_submitted, e.bounce, e.malformed, e.no_auto_reply,
           exists (select 1 from email_mailbox o where o.organization_id = e.organization_id
                   and lower(o.from_address) = e.address)
    into mailbox_id, message_id, address, subject, auto_submitted, bounce, malformed, no_auto_reply, own
    from email_message e where e.organization_id = p_organization and e.case_id = p_case and e.kind = 'NEW_CASE' limit 1;
    if not found then
        return;
    end if;
    acks := null;
    if address is not null and not (no_auto_reply or auto_submitted or bounce or own) then
        perform pg_advisory_xact_lock(hashtextextended(p_organization::text || '/' || address, 0));
        acks := (select count(*) from email_message a
                 where a.organization_id = p_organization and a.direction = 'OUTBOUND' and a.kind = 'ACK'
                   and a.address = email_ack_opening.address and a.created_at >= p_since);
    end if;
    return next;
end
$$;
