-- Undoing a merge: from now on a merge records exactly what it moved, so that a manager can move it back.

-- What the merge changed on the customers themselves (contact points as they were on both sides, whether the
-- survivor took the merged customer's identity code, business id, staff account or name). Null for merges made
-- before this was recorded: those cannot be undone.
alter table customer_merge add column undo jsonb;
-- The undo, when there was one: who, when, why.
alter table customer_merge add column undone_at timestamptz;
alter table customer_merge add column undone_by uuid references staff_user (id);
alter table customer_merge add column undo_reason text;
create index customer_merge_undone_by_idx on customer_merge (undone_by);

-- The rows a merge moved from the merged customer to the survivor, by kind ('case', 'chat-session', 'appointment',
-- 'queue-ticket' from the modules that follow a merge; 'customer:tombstone', 'customer:contact-audit' from the
-- customer module itself).
create table customer_merge_moved (
    organization_id uuid not null references organization (id),
    merge_id        uuid not null references customer_merge (id),
    kind            text not null,
    row_id          uuid not null,
    primary key (merge_id, kind, row_id)
);
create index customer_merge_moved_organization_idx on customer_merge_moved (organization_id);
