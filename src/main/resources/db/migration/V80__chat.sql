-- Live chat: a conversation is a case (channel CHAT); these tables are the channel's own delivery state.
-- chat_session: one resident conversation, found by the SHA-256 of its resume token (the raw token is only
-- ever in the resident's browser). chat_message: the conversation's ordered stream (per-session sequence
-- numbers for resume), each resident/agent line linked to the case message it became. client_id is the
-- sender's idempotency key: a resent line is the same row, never a second one.

create table chat_session (
    id                   uuid primary key,
    organization_id      uuid not null references organization (id),
    resume_token_sha256  text not null unique,
    state                text not null check (state in ('NEW', 'WAITING', 'ACTIVE', 'CLOSED', 'LEFT_MESSAGE')),
    language             text not null check (language in ('fi', 'sv', 'en')),
    resident_name        text,
    resident_email       text,
    case_id              uuid references support_case (id),
    case_reference       text,
    customer_id          uuid references customer (id),
    unit_id              uuid references unit (id),
    agent_id             uuid references staff_user (id),
    last_seq             bigint not null default 0,
    created_at           timestamptz not null,
    queued_at            timestamptz,
    accepted_at          timestamptz,
    closed_at            timestamptz,
    updated_at           timestamptz not null
);
create index chat_session_queue_idx on chat_session (organization_id, state, queued_at);
create index chat_session_agent_idx on chat_session (agent_id, state);
create index chat_session_accepted_idx on chat_session (organization_id, accepted_at desc);
create index chat_session_case_idx on chat_session (case_id);
create index chat_session_customer_idx on chat_session (customer_id);
create index chat_session_unit_idx on chat_session (unit_id);

create table chat_message (
    id               uuid primary key,
    organization_id  uuid not null references organization (id),
    session_id       uuid not null references chat_session (id),
    seq              bigint not null,
    kind             text not null check (kind in ('RESIDENT', 'AGENT', 'SYSTEM')),
    client_id        text,
    author_staff_id  uuid references staff_user (id),
    case_message_id  uuid references case_message (id),
    body             text,
    event            text,
    created_at       timestamptz not null,
    unique (session_id, seq),
    unique (session_id, client_id)
);
create index chat_message_organization_idx on chat_message (organization_id);
create index chat_message_author_idx on chat_message (author_staff_id);
create index chat_message_case_message_idx on chat_message (case_message_id);

-- Agents' chat availability and limits. last_seen_at is refreshed while the console is open; an agent not
-- seen for a while counts as away even if the toggle says available (a closed laptop, a killed node).
create table chat_agent (
    organization_id  uuid not null references organization (id),
    staff_id         uuid primary key references staff_user (id),
    available        boolean not null default false,
    max_chats        integer check (max_chats between 1 and 100),
    last_seen_at     timestamptz not null,
    updated_at       timestamptz not null
);
create index chat_agent_organization_idx on chat_agent (organization_id, available);

-- Weekly opening hours per organization in Europe/Helsinki time (ISO day 1 = Monday; minutes from midnight). An organization
-- without rows uses aspa.chat.default-hours. Finnish public holidays are not yet taken into account.
create table chat_opening_hours (
    organization_id  uuid not null references organization (id),
    day_of_week      smallint not null check (day_of_week between 1 and 7),
    opens_minute     integer not null check (opens_minute between 0 and 1439),
    closes_minute    integer not null check (closes_minute between 1 and 1440),
    check (opens_minute < closes_minute),
    primary key (organization_id, day_of_week, opens_minute)
);
