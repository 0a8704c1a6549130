-- The dashboard's facts of each case, kept on the case's row: when it was first replied to and first resolved,
-- whether it was reopened after that first resolution, and whether a person transferred it. The insights dashboard
-- read them per case from the case's messages and events, three index probes for each case of the period, which
-- grew with the period: a year of a million-case organization took 3.6 s (BENCHMARKS.md "Dashboard"). Now a period
-- is one index-only scan of the cases.
--
-- Triggers keep the facts, so that every way a message or an event is written or corrected (the application, an
-- import, a data load, a fix by hand) keeps them true. A new reply and a new transfer set theirs at once; a status
-- change to or from a resolution recomputes the case's facts from its events, so they do not depend on the order
-- events are written in. (Messages and events are never deleted.)
alter table support_case
    add column first_reply_at    timestamptz,
    add column first_resolved_at timestamptz,
    add column reopened          boolean not null default false,
    add column staff_transferred boolean not null default false;

-- a new reply: the first one when it is the earliest; a message changed (a correction of its time or kind): the
-- case's first reply looked up again. (PL/pgSQL keeps each statement's plan for the session: a bulk import pays for
-- the look-ups only.)
create function case_message_facts() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        update support_case set first_reply_at = new.created_at
        where id = new.case_id and organization_id = new.organization_id
          and (first_reply_at is null or first_reply_at > new.created_at);
    else
        update support_case c set first_reply_at = (
            select min(m.created_at) from case_message m
            where m.case_id = new.case_id and m.organization_id = new.organization_id and m.kind = 'OUTBOUND')
        where c.id = new.case_id and c.organization_id = new.organization_id;
    end if;
    return null;
end
$$;

create trigger case_message_facts after insert on case_message
    for each row when (new.kind = 'OUTBOUND') execute function case_message_facts();
create trigger case_message_facts_changed after update of created_at, kind on case_message
    for each row when (old.kind = 'OUTBOUND' or new.kind = 'OUTBOUND') execute function case_message_facts();

-- a new transfer by a person sets it at once. A new status change reads the case's facts first, and changes them only
-- when it must: a resolution after the first one, a reopening before it, or one already counted, change nothing (an
-- import that wrote the case with its facts writes no row again); a reopening after the first resolution sets
-- reopened; a resolution before the known first one (events written out of time order) recomputes both from the
-- case's events. A changed event recomputes all three.
create function case_event_facts() returns trigger
    language plpgsql as $$
declare
    known_resolved timestamptz;
    known_reopened boolean;
    first_resolved timestamptz;
begin
    if tg_op = 'INSERT' and new.type = 'TRANSFERRED' then
        update support_case set staff_transferred = true
        where id = new.case_id and organization_id = new.organization_id and not staff_transferred;
        return null;
    end if;
    if tg_op = 'INSERT' then
        select c.first_resolved_at, c.reopened into known_resolved, known_reopened from support_case c
        where c.id = new.case_id and c.organization_id = new.organization_id;
        if new.detail ->> 'to' = 'RESOLVED' then
            if known_resolved is not null and known_resolved <= new.created_at then
                return null;
            end if;
        else
            if known_resolved is not null and new.created_at > known_resolved and not known_reopened then
                update support_case set reopened = true where id = new.case_id and organization_id = new.organization_id;
            end if;
            return null;
        end if;
    end if;
    select min(e.created_at) into first_resolved from case_event e
    where e.case_id = new.case_id and e.organization_id = new.organization_id
      and e.type = 'STATUS_CHANGED' and e.detail ->> 'to' = 'RESOLVED';
    update support_case c
    set first_resolved_at = first_resolved,
        reopened = first_resolved is not null and exists (
            select 1 from case_event r
            where r.case_id = new.case_id and r.organization_id = new.organization_id
              and r.type = 'STATUS_CHANGED' and r.created_at > first_resolved
              and r.detail ->> 'from' in ('RESOLVED', 'CLOSED') and r.detail ->> 'to' in ('NEW', 'OPEN', 'WAITING')),
        staff_transferred = case when tg_op = 'INSERT' then c.staff_transferred else exists (
            select 1 from case_event t
            where t.case_id = new.case_id and t.organization_id = new.organization_id
              and t.type = 'TRANSFERRED' and t.actor = 'STAFF') end
    where c.id = new.case_id and c.organization_id = new.organization_id;
    return null;
end
$$;

create trigger case_event_facts after insert on case_event
    for each row when ((new.type = 'TRANSFERRED' and new.actor = 'STAFF')
        or (new.type = 'STATUS_CHANGED' and (new.detail ->> 'to' = 'RESOLVED'
            or (new.detail ->> 'from' in ('RESOLVED', 'CLOSED') and new.detail ->> 'to' in ('NEW', 'OPEN', 'WAITING')))))
    execute function case_event_facts();
create trigger case_event_facts_changed after update of created_at, type, actor, detail on case_event
    for each row when (old.type in ('STATUS_CHANGED', 'TRANSFERRED') or new.type in ('STATUS_CHANGED', 'TRANSFERRED'))
    execute function case_event_facts();

-- every case's facts recomputed from its messages and events (one organization's, or all with null), each row written
-- only when a fact differs: for the cases there are now, and for a bulk load that ran with the triggers off
-- (bench/src/load-large.sql)
create function support_case_facts_rebuild(p_organization uuid) returns bigint
    language sql as $$
    with e as (
        select case_id, organization_id,
               min(created_at) filter (where type = 'STATUS_CHANGED' and detail ->> 'to' = 'RESOLVED') as resolved,
               bool_or(type = 'TRANSFERRED' and actor = 'STAFF') as transferred
        from case_event where p_organization is null or organization_id = p_organization
        group by case_id, organization_id
    ), r as (
        select case_id, min(created_at) as at from case_message
        where (p_organization is null or organization_id = p_organization) and kind = 'OUTBOUND' group by case_id
    ), o as (
        select distinct x.case_id from case_event x join e on e.case_id = x.case_id
        where x.type = 'STATUS_CHANGED' and x.created_at > e.resolved
          and x.detail ->> 'from' in ('RESOLVED', 'CLOSED') and x.detail ->> 'to' in ('NEW', 'OPEN', 'WAITING')
    ), facts as (
        select c.id, c.organization_id, r.at as replied, e.resolved, o.case_id is not null as reopened,
               coalesce(e.transferred, false) as transferred
        from support_case c
        left join e on e.case_id = c.id left join r on r.case_id = c.id left join o on o.case_id = c.id
        where p_organization is null or c.organization_id = p_organization
    ), changed as (
        update support_case c
        set first_reply_at = f.replied, first_resolved_at = f.resolved, reopened = f.reopened,
            staff_transferred = f.transferred
        from facts f
        where c.id = f.id and c.organization_id = f.organization_id
          and (c.first_reply_at, c.first_resolved_at, c.reopened, c.staff_transferred)
              is distinct from (f.replied, f.resolved, f.reopened, f.transferred)
        returning 1
    )
    select count(*) from changed
$$;

select support_case_facts_rebuild(null);

-- A period's cases with the facts the dashboard reads (contacts, speed): index-only.
drop index support_case_created_idx;
create index support_case_created_idx on support_case (organization_id, created_at desc)
    include (id, channel, unit_id, first_reply_at, first_resolved_at, staff_transferred);

-- The cases first resolved in a period (resolutions and reopenings): index-only.
create index support_case_first_resolved_idx on support_case (organization_id, first_resolved_at)
    include (channel, unit_id, reopened) where first_resolved_at is not null;

-- The look-ups these replace (V321, V325): a period's status changes, and each case's outbound messages, resolutions
-- and transfers. (The trigger's look-ups of a case's events use case_event_case_idx.)
drop index case_event_status_changed_idx;
drop index case_message_outbound_idx;
drop index case_event_resolved_idx;
drop index case_event_staff_transfer_idx;
