-- Staffing: who the staff are beyond their account (job, languages, expertise, working hours, absences), and who
-- gets a routed case and why.

-- One profile per staff member; created on first save. confirmed_at: when its owner last said it is current.
create table staff_profile (
    staff_id         uuid primary key references staff_user (id),
    organization_id  uuid not null references organization (id),
    job_description  text not null default '',
    languages        text[] not null default '{}',
    work_days        smallint[] not null default '{1,2,3,4,5}',
    work_start       smallint not null default 480 check (work_start between 0 and 1440),
    work_end         smallint not null default 960 check (work_end between 0 and 1440 and work_end > work_start),
    confirmed_at     timestamptz,
    updated_at       timestamptz not null
);
create index staff_profile_organization_idx on staff_profile (organization_id);

-- Which services a person knows, and how well.
create table staff_expertise (
    organization_id  uuid not null references organization (id),
    staff_id         uuid not null references staff_user (id),
    service_id       uuid not null references catalogue_service (id),
    level            text not null check (level in ('RESPONSIBLE', 'EXPERT', 'CAN_HANDLE')),
    primary key (staff_id, service_id)
);
create index staff_expertise_organization_idx on staff_expertise (organization_id, service_id);
create index staff_expertise_service_idx on staff_expertise (service_id);

-- Absences: whole days, both ends included.
create table staff_absence (
    id               uuid primary key,
    organization_id  uuid not null references organization (id),
    staff_id         uuid not null references staff_user (id),
    first_day        date not null,
    last_day         date not null check (last_day >= first_day),
    created_at       timestamptz not null
);
create index staff_absence_organization_idx on staff_absence (organization_id, last_day);
create index staff_absence_staff_idx on staff_absence (staff_id, first_day);

-- Per unit: is automatic assignment on, and whose turn it is among equals (round robin). The row is locked while a
-- case of the unit is being assigned, which makes two assignments in the same unit take turns.
create table staffing_unit (
    unit_id          uuid primary key references unit (id),
    organization_id  uuid not null references organization (id),
    auto_assign      boolean not null default false,
    last_assignee_id uuid references staff_user (id),
    updated_at       timestamptz not null
);
create index staffing_unit_organization_idx on staffing_unit (organization_id);
create index staffing_unit_last_assignee_idx on staffing_unit (last_assignee_id);

-- Why a routed case went to a person, or why to nobody.
create table staffing_assignment (
    id               uuid primary key,
    organization_id  uuid not null references organization (id),
    case_id          uuid not null references support_case (id),
    unit_id          uuid references unit (id),
    service_id       uuid references catalogue_service (id),
    assignee_id      uuid references staff_user (id),
    outcome          text not null check (outcome in ('ASSIGNED', 'NO_EXPERT', 'NO_LANGUAGE', 'NOBODY_AVAILABLE')),
    level            text check (level in ('RESPONSIBLE', 'EXPERT', 'CAN_HANDLE')),
    language         text not null,
    load             integer,
    candidates       integer not null,
    decided_at       timestamptz not null
);
create index staffing_assignment_case_idx on staffing_assignment (case_id, decided_at desc);
create index staffing_assignment_organization_idx on staffing_assignment (organization_id, decided_at desc);
create index staffing_assignment_unit_idx on staffing_assignment (unit_id);
create index staffing_assignment_service_idx on staffing_assignment (service_id);
create index staffing_assignment_assignee_idx on staffing_assignment (assignee_id);
