-- Visits: phone callbacks (channels.phone) and appointments and the walk-in queue (appointments).
-- Every row carries organization_id; times are timestamptz, business days and opening hours Europe/Helsinki.

-- A resident asked to be called back (web form), or an agent promised a call back on a call.
create table callback_request (
    id               uuid primary key,
    organization_id  uuid not null references organization (id),
    case_id          uuid not null references support_case (id),
    name             text not null,
    phone            text not null,
    preferred_date   date not null,
    preferred_window text not null check (preferred_window in ('MORNING', 'AFTERNOON')),
    topic            text not null,
    message          text,
    status           text not null default 'OPEN' check (status in ('OPEN', 'DONE')),
    attempts         integer not null default 0,
    outcome          text check (outcome in ('RESOLVED', 'FOLLOW_UP', 'NO_ANSWER')),
    done_by          uuid references staff_user (id),
    done_at          timestamptz,
    created_at       timestamptz not null
);
create index callback_request_queue_idx on callback_request (organization_id, status, preferred_date, preferred_window, created_at);
create index callback_request_case_idx on callback_request (case_id);
create index callback_request_done_by_idx on callback_request (done_by);

-- The organization's video service: the link of a video appointment is made from this pattern. Without a row
-- the application's default placeholder pattern is used.
create table appointment_settings (
    organization_id   uuid primary key references organization (id),
    video_url_pattern text not null
);

-- Weekly opening hours of a service point (Europe/Helsinki local time); a day may have several intervals.
create table opening_hours (
    id               uuid primary key,
    organization_id  uuid not null references organization (id),
    service_point_id uuid not null references service_point (id),
    weekday          smallint not null check (weekday between 1 and 7),   -- ISO: 1 = Monday
    opens            time not null,
    closes           time not null,
    check (opens < closes)
);
create index opening_hours_organization_idx on opening_hours (organization_id);
create index opening_hours_service_point_idx on opening_hours (service_point_id, weekday);

-- Days a service point is closed besides the Finnish public holidays (computed in code).
create table service_point_closure (
    id               uuid primary key,
    organization_id  uuid not null references organization (id),
    service_point_id uuid not null references service_point (id),
    day              date not null,
    reason           text,
    unique (service_point_id, day)
);
create index service_point_closure_organization_idx on service_point_closure (organization_id);

-- A service offered at a service point: bookable in slots of slot_minutes at `desks` parallel desks (each service
-- has its own desks), and/or served from the walk-in queue with numbers of its letter.
create table visit_service (
    id               uuid primary key,
    organization_id  uuid not null references organization (id),
    service_point_id uuid not null references service_point (id),
    code             text not null,
    name_fi          text not null,
    name_sv          text not null,
    name_en          text not null,
    slot_minutes     integer not null check (slot_minutes between 5 and 480),
    desks            integer not null default 1 check (desks between 1 and 50),
    modes            text[] not null default '{IN_PERSON}',
    bookable         boolean not null default true,
    walk_in          boolean not null default true,
    queue_letter     text not null default 'A' check (queue_letter ~ '^[A-Z]$'),
    created_at       timestamptz not null default now(),
    unique (service_point_id, code)
);
create index visit_service_organization_idx on visit_service (organization_id);

create table appointment (
    id               uuid primary key,
    organization_id  uuid not null references organization (id),
    service_point_id uuid not null references service_point (id),
    service_id       uuid not null references visit_service (id),
    starts_at        timestamptz not null,
    ends_at          timestamptz not null,
    desk             integer not null,
    mode             text not null check (mode in ('IN_PERSON', 'PHONE', 'VIDEO')),
    customer_id      uuid not null references customer (id),
    case_id          uuid not null references support_case (id),
    name             text not null,
    email            text,
    phone            text,
    language         text not null check (language in ('fi', 'sv', 'en')),
    video_url        text,
    token_sha256     text not null unique,
    status           text not null check (status in ('BOOKED', 'CANCELLED')),
    created_at       timestamptz not null,
    cancelled_at     timestamptz,
    check (starts_at < ends_at)
);
-- The wall against double booking: one booking per desk of a service at a start time. Two residents racing for
-- the last desk of a slot: the second insert finds the row taken and is told so.
create unique index appointment_slot_uq on appointment (service_point_id, service_id, starts_at, desk) where status = 'BOOKED';
create index appointment_organization_idx on appointment (organization_id, starts_at);
create index appointment_service_point_idx on appointment (service_point_id, starts_at);
create index appointment_service_idx on appointment (service_id, starts_at);
create index appointment_customer_idx on appointment (customer_id);
create index appointment_case_idx on appointment (case_id);

-- Walk-in queue numbers: one counter per service point, day and letter (A001, A002...).
create table queue_counter (
    organization_id  uuid not null references organization (id),
    service_point_id uuid not null references service_point (id),
    day              date not null,
    letter           text not null,
    last_number      integer not null,
    primary key (service_point_id, day, letter)
);
create index queue_counter_organization_idx on queue_counter (organization_id);

create table queue_ticket (
    id               uuid primary key,
    organization_id  uuid not null references organization (id),
    service_point_id uuid not null references service_point (id),
    service_id       uuid not null references visit_service (id),
    day              date not null,
    letter           text not null,
    number           integer not null,
    code             text not null,
    status           text not null check (status in ('WAITING', 'CALLED', 'SERVED', 'NO_SHOW')),
    desk             text,
    called_by        uuid references staff_user (id),
    called_at        timestamptz,
    finished_at      timestamptz,
    customer_id      uuid references customer (id),
    case_id          uuid references support_case (id),
    created_at       timestamptz not null,
    unique (service_point_id, day, letter, number)
);
create index queue_ticket_waiting_idx on queue_ticket (service_point_id, day, status, created_at);
create index queue_ticket_organization_idx on queue_ticket (organization_id, day);
create index queue_ticket_service_idx on queue_ticket (service_id);
create index queue_ticket_called_by_idx on queue_ticket (called_by);
create index queue_ticket_customer_idx on queue_ticket (customer_id);
create index queue_ticket_case_idx on queue_ticket (case_id);
