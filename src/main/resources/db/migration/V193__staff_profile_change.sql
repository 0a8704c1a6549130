-- Changes of a staff member's profile made by someone else (the unit's manager, an administrator): who, what, when.
create table staff_profile_change (
    id               uuid primary key,
    organization_id  uuid not null references organization (id),
    staff_id         uuid not null references staff_user (id),
    changed_by       uuid not null references staff_user (id),
    what             text not null check (what in ('DETAILS', 'EXPERTISE_SET', 'EXPERTISE_REMOVED', 'ABSENCE_ADDED', 'ABSENCE_REMOVED')),
    detail           text,
    changed_at       timestamptz not null
);
create index staff_profile_change_staff_idx on staff_profile_change (staff_id, changed_at desc);
create index staff_profile_change_organization_idx on staff_profile_change (organization_id);
create index staff_profile_change_changed_by_idx on staff_profile_change (changed_by);
