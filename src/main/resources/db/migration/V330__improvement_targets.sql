-- Improvement targets: what a unit decided to improve after looking at its figures (the dashboard, the survey), who
-- owns it and by when, how it went (status and the review note), and a small history of each change. The unit is
-- tied to the target's own organization by the composite key, so no target can point at another tenant's unit.
create table improvement_target (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    unit_id         uuid not null,
    title           text not null check (char_length(title) between 1 and 200),
    description     text not null default '' check (char_length(description) <= 4000),
    figure          text check (figure in ('csat', 'response-rate', 'first-reply', 'resolution', 'reopened', 'backlog',
                                           'transfers', 'sla', 'other')),
    owner_staff_id  uuid references staff_user (id),
    due_date        date,
    status          text not null default 'PLANNED' check (status in ('PLANNED', 'IN_PROGRESS', 'DONE', 'DROPPED')),
    review_note     text not null default '' check (char_length(review_note) <= 4000),
    created_by      uuid not null references staff_user (id),
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    foreign key (organization_id, unit_id) references unit (organization_id, id),
    check (updated_at >= created_at)
);
-- a unit's targets (the list, the dashboard's open and overdue counts)
create index improvement_target_org_unit_idx on improvement_target (organization_id, unit_id, status, due_date);
create index improvement_target_unit_idx on improvement_target (unit_id);
create index improvement_target_owner_idx on improvement_target (owner_staff_id) where owner_staff_id is not null;
create index improvement_target_created_by_idx on improvement_target (created_by);

-- Who changed a target, when, and what: the status before and after (both the same when it did not change; from_status
-- null when the target was created) and the other fields changed, by their form codes.
create table improvement_target_change (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    target_id       uuid not null references improvement_target (id),
    changed_by      uuid not null references staff_user (id),
    changed_at      timestamptz not null,
    from_status     text check (from_status in ('PLANNED', 'IN_PROGRESS', 'DONE', 'DROPPED')),
    to_status       text not null check (to_status in ('PLANNED', 'IN_PROGRESS', 'DONE', 'DROPPED')),
    fields          text[] not null default '{}'
                    check (fields <@ array['title', 'description', 'figure', 'owner', 'due', 'review']::text[])
);
create index improvement_target_change_target_idx on improvement_target_change (target_id, changed_at);
create index improvement_target_change_org_idx on improvement_target_change (organization_id);
create index improvement_target_change_by_idx on improvement_target_change (changed_by);
