-- Service levels: targets, business calendars and the clocks of each case (module fi.aspa.sla).

-- Targets per service and priority; a row without a service (and/or without a priority) is the organization's
-- default. The most specific row wins: service and priority, service, priority, neither.
create table sla_target (
    id                      uuid primary key,
    organization_id         uuid not null references organization (id),
    service_id              uuid references catalogue_service (id),
    priority                text check (priority in ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
    first_response_minutes  integer not null check (first_response_minutes > 0),
    resolution_minutes      integer not null check (resolution_minutes > 0),
    warn_percent            integer not null default 75 check (warn_percent between 1 and 99),
    raise_priority          boolean not null default false,
    created_at              timestamptz not null,
    unique nulls not distinct (organization_id, service_id, priority)
);
create index sla_target_service_idx on sla_target (service_id);

-- Opening hours per ISO weekday (1 = Monday); an organization without rows has Mon–Fri 8–16.
-- closes = 24:00 is stored as 00:00.
create table sla_business_hours (
    organization_id uuid not null references organization (id),
    weekday         smallint not null check (weekday between 1 and 7),
    opens           time not null,
    closes          time not null,
    primary key (organization_id, weekday)
);

-- Extra closed days besides the Finnish public holidays.
create table sla_closed_day (
    organization_id uuid not null references organization (id),
    day             date not null,
    primary key (organization_id, day)
);

-- One row per case the clocks follow: the lock that serializes recomputations of its clocks.
create table sla_case (
    case_id         uuid primary key references support_case (id),
    organization_id uuid not null references organization (id),
    service_id      uuid references catalogue_service (id),
    unit_id         uuid references unit (id),
    started_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index sla_case_organization_idx on sla_case (organization_id, unit_id);
create index sla_case_service_idx on sla_case (service_id);
create index sla_case_unit_idx on sla_case (unit_id);

-- A clock: business time used up to computed_at; warn_at and due_at are the instants its thresholds are (or
-- were) crossed, null when it stopped before. warned_at and breached_at are set once, by the job, in the same
-- transaction as the escalation: they make the escalation happen once.
create table sla_clock (
    case_id         uuid not null references sla_case (case_id),
    kind            text not null check (kind in ('FIRST_RESPONSE', 'RESOLUTION')),
    organization_id uuid not null references organization (id),
    target_minutes  integer not null,
    warn_percent    integer not null,
    raise_priority  boolean not null,
    state           text not null check (state in ('RUNNING', 'PAUSED', 'STOPPED')),
    elapsed_seconds bigint not null,
    computed_at     timestamptz not null,
    warn_at         timestamptz,
    due_at          timestamptz,
    warned_at       timestamptz,
    breached_at     timestamptz,
    primary key (case_id, kind)
);
create index sla_clock_organization_idx on sla_clock (organization_id);
create index sla_clock_warn_due_idx on sla_clock (warn_at) where warned_at is null and state <> 'STOPPED';
create index sla_clock_breach_due_idx on sla_clock (due_at) where breached_at is null and state <> 'STOPPED';
