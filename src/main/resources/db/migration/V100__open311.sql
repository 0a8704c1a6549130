-- Open311 GeoReport v2 (channels.open311). A request is a case (channel OPEN311); these tables keep what the
-- channel adds: the location and client fields, the public status as Open311 shows it, its history, the media.

-- An organization's Open311 API keys: only the SHA-256 of a key is stored; the key is shown once.
create table open311_api_key (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    name            text not null,
    key_sha256      text not null unique,
    created_at      timestamptz not null,
    revoked_at      timestamptz
);
create index open311_api_key_organization_idx on open311_api_key (organization_id, created_at);

-- One row per request (= per case). status/status_notes/unit_id/updated_at follow the case (kept in step by the
-- case events, in the case's own transaction): only public changes (status, replies) move updated_at.
create table open311_request (
    case_id          uuid primary key references support_case (id),
    organization_id  uuid not null references organization (id),
    reference        text not null,
    token            uuid not null unique,
    service_id       uuid not null,
    service_code     text not null,
    title            text,
    description      text not null,
    lat              double precision check (lat between -90 and 90),
    long             double precision check (long between -180 and 180),
    address_string   text,
    address_id       text,
    device_id        text,
    account_id       text,
    media_url        text,
    locale           text not null check (locale in ('fi', 'sv', 'en')),
    api_key_id       uuid references open311_api_key (id),
    status           text not null,
    status_notes     text,
    unit_id          uuid,
    requested_at     timestamptz not null,
    updated_at       timestamptz not null,
    unique (organization_id, reference)
);
create index open311_request_requested_idx on open311_request (organization_id, requested_at desc);
create index open311_request_updated_idx on open311_request (organization_id, updated_at);
create index open311_request_api_key_idx on open311_request (api_key_id);

-- The public history of a request: status changes and the agency's public replies.
create table open311_request_history (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    case_id         uuid not null references open311_request (case_id),
    status          text not null,
    note            text,
    at              timestamptz not null
);
create index open311_request_history_case_idx on open311_request_history (case_id, at);
create index open311_request_history_organization_idx on open311_request_history (organization_id);

-- Images uploaded with a request (stored as the case's attachments): published at /open311/v2/media/{id}.
create table open311_media (
    attachment_id   uuid primary key,
    organization_id uuid not null references organization (id),
    case_id         uuid not null references open311_request (case_id)
);
create index open311_media_case_idx on open311_media (case_id);
create index open311_media_organization_idx on open311_media (organization_id);
