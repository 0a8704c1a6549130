-- The reminder that a unit has not submitted its answer, sent to the unit's managers a few days before the due date
-- (aspa.assignments.reminder.days-before). One row per task, unit and due date, inserted by whichever node's job gets
-- there first (the others' inserts do nothing), in the transaction that publishes the reminder: each reminder happens
-- once in a cluster, and a due date moved later gets a reminder of its own.
create table assignment_reminder (
    organization_id uuid not null,
    assignment_id   uuid not null,
    unit_id         uuid not null,
    due_on          date not null,
    reminded_at     timestamptz not null,
    primary key (assignment_id, unit_id, due_on),
    foreign key (organization_id, assignment_id, unit_id)
        references assignment_unit (organization_id, assignment_id, unit_id) on delete cascade
);
create index assignment_reminder_org_idx on assignment_reminder (organization_id, assignment_id, unit_id);
