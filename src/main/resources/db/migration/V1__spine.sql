-- Aspa spine: organizations, staff, customers, cases.
-- Every row owned by an organization carries organization_id; every query filters by it.

create table organization (
    id            uuid primary key,
    slug          text not null unique,
    name_fi       text not null,
    name_sv       text not null,
    name_en       text not null,
    case_prefix   text not null default 'ASPA',
    created_at    timestamptz not null default now()
);

create table unit (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    parent_id       uuid references unit (id),
    name_fi         text not null,
    name_sv         text not null,
    name_en         text not null,
    email           text,
    created_at      timestamptz not null default now(),
    unique (organization_id, id)
);
create index unit_organization_idx on unit (organization_id);
create index unit_parent_idx on unit (parent_id);

create table service_point (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    unit_id         uuid not null references unit (id),
    name_fi         text not null,
    name_sv         text not null,
    name_en         text not null,
    street_address  text,
    postal_code     text,
    city            text,
    created_at      timestamptz not null default now()
);
create index service_point_organization_idx on service_point (organization_id);
create index service_point_unit_idx on service_point (unit_id);

create table staff_user (
    id               uuid primary key,
    organization_id  uuid not null references organization (id),
    unit_id          uuid references unit (id),
    username         text not null unique,
    display_name     text not null,
    email            text,
    password_hash    text not null,
    roles            text[] not null,
    language         text not null default 'fi' check (language in ('fi', 'sv', 'en')),
    enabled          boolean not null default true,
    failed_logins    integer not null default 0,
    locked_until     timestamptz,
    created_at       timestamptz not null default now()
);
create index staff_user_organization_idx on staff_user (organization_id);
create index staff_user_unit_idx on staff_user (unit_id);

create table api_token (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    name            text not null,
    token_sha256    text not null unique,
    created_at      timestamptz not null default now(),
    revoked_at      timestamptz
);
create index api_token_organization_idx on api_token (organization_id);

create table customer (
    id                 uuid primary key,
    organization_id    uuid not null references organization (id),
    kind               text not null check (kind in ('PERSON', 'BUSINESS', 'INTERNAL')),
    name               text not null,
    personal_id        text,            -- henkilötunnus, all 11 characters; never in URLs or logs
    business_id        text,            -- Y-tunnus
    staff_user_id      uuid references staff_user (id),
    preferred_language text not null default 'fi' check (preferred_language in ('fi', 'sv', 'en')),
    created_at         timestamptz not null default now(),
    unique (organization_id, personal_id),
    unique (organization_id, business_id)
);
create index customer_organization_idx on customer (organization_id, created_at desc);
create index customer_staff_user_idx on customer (staff_user_id);
create index customer_name_idx on customer (organization_id, lower(name) text_pattern_ops);

create table contact_point (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    customer_id     uuid not null references customer (id),
    kind            text not null check (kind in ('EMAIL', 'PHONE')),
    value           text not null,
    verified        boolean not null default false,
    created_at      timestamptz not null default now(),
    unique (organization_id, kind, value, customer_id)
);
create index contact_point_customer_idx on contact_point (customer_id);
create index contact_point_lookup_idx on contact_point (organization_id, kind, value);

create table case_reference_counter (
    organization_id uuid not null references organization (id),
    year            integer not null,
    last_value      bigint not null,
    primary key (organization_id, year)
);

create table support_case (
    id                   uuid primary key,
    organization_id      uuid not null references organization (id),
    reference            text not null,
    subject              text not null,
    channel              text not null,
    language             text not null check (language in ('fi', 'sv', 'en')),
    customer_id          uuid not null references customer (id),
    unit_id              uuid references unit (id),
    assignee_id          uuid references staff_user (id),
    priority             text not null default 'NORMAL' check (priority in ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
    status               text not null check (status in ('NEW', 'OPEN', 'WAITING', 'RESOLVED', 'CLOSED')),
    tags                 text[] not null default '{}',
    topic                text,
    tracking_token_sha256 text unique,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    search               tsvector,
    unique (organization_id, reference)
);
create index support_case_queue_idx on support_case (organization_id, status, updated_at desc);
create index support_case_unit_idx on support_case (organization_id, unit_id, updated_at desc);
create index support_case_assignee_idx on support_case (organization_id, assignee_id, updated_at desc);
create index support_case_updated_idx on support_case (organization_id, updated_at desc);
create index support_case_created_idx on support_case (organization_id, created_at desc);
create index support_case_customer_idx on support_case (customer_id, created_at desc);
create index support_case_unit_fk_idx on support_case (unit_id);
create index support_case_assignee_fk_idx on support_case (assignee_id);
create index support_case_search_idx on support_case using gin (search);
create index support_case_tags_idx on support_case using gin (tags);

create table case_message (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    case_id         uuid not null references support_case (id),
    kind            text not null check (kind in ('INBOUND', 'OUTBOUND', 'NOTE')),
    channel         text not null,
    author_staff_id uuid references staff_user (id),
    body            text not null,
    created_at      timestamptz not null
);
create index case_message_case_idx on case_message (case_id, created_at);
create index case_message_author_idx on case_message (author_staff_id);
create index case_message_organization_idx on case_message (organization_id);

create table attachment (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    case_id         uuid not null references support_case (id),
    message_id      uuid references case_message (id),
    filename        text not null,
    content_type    text not null,
    size_bytes      bigint not null,
    sha256          text not null,
    content         bytea not null,
    created_at      timestamptz not null
);
create index attachment_case_idx on attachment (case_id);
create index attachment_message_idx on attachment (message_id);
create index attachment_organization_idx on attachment (organization_id);

create table case_event (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    case_id         uuid not null references support_case (id),
    actor_staff_id  uuid references staff_user (id),
    actor           text not null,      -- STAFF, CUSTOMER, SYSTEM, API
    type            text not null,
    detail          jsonb not null default '{}',
    created_at      timestamptz not null
);
create index case_event_case_idx on case_event (case_id, created_at);
create index case_event_actor_idx on case_event (actor_staff_id);
create index case_event_organization_idx on case_event (organization_id);

create table personal_data_access (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    staff_user_id   uuid not null references staff_user (id),
    customer_id     uuid not null references customer (id),
    purpose         text not null,
    detail          text,
    accessed_at     timestamptz not null
);
create index personal_data_access_customer_idx on personal_data_access (customer_id, accessed_at desc);
create index personal_data_access_staff_idx on personal_data_access (staff_user_id, accessed_at desc);
create index personal_data_access_organization_idx on personal_data_access (organization_id, accessed_at desc);

-- Spring Modulith JDBC event publication registry (schema of spring-modulith-events-jdbc 2.x)
create table event_publication (
    id                     uuid primary key,
    listener_id            text not null,
    event_type             text not null,
    serialized_event       text not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    integer,
    last_resubmission_date timestamptz
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
