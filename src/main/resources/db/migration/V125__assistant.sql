-- The assistant: the chatbot over published articles and the agent's suggestions. Every row carries organization_id.

-- Whether the organization's chat starts with the bot. An organization without a row uses the application's default
-- (aspa.assistant.chatbot.enabled-for: the demo organization).
create table bot_settings (
    organization_id  uuid primary key references organization (id),
    chatbot_enabled  boolean not null,
    updated_at       timestamptz not null
);

-- Questions the bot could not answer, for the editors: one row per organization, language and normalized question
-- (lower case, single spaces), counted.
create table bot_unanswered (
    id               uuid primary key,
    organization_id  uuid not null references organization (id),
    language         text not null check (language in ('fi', 'sv', 'en')),
    normalized       text not null,
    question         text not null,
    page_url         text,
    asked            integer not null default 1,
    first_asked_at   timestamptz not null,
    last_asked_at    timestamptz not null,
    unique (organization_id, language, normalized)
);
create index bot_unanswered_count_idx on bot_unanswered (organization_id, asked desc, last_asked_at desc);

-- The suggestions an agent was shown on a case and the ones used (inserted into a reply). Used suggestions raise an
-- article's rank for later cases (of the same service when the case was routed).
create table suggestion_event (
    id               uuid primary key,
    organization_id  uuid not null references organization (id),
    case_id          uuid not null references support_case (id),
    staff_id         uuid not null references staff_user (id),
    document_type    text not null check (document_type in ('ARTICLE', 'SERVICE', 'CASE')),
    document_id      text not null,
    service_id       uuid,
    action           text not null check (action in ('SHOWN', 'USED')),
    created_at       timestamptz not null
);
create index suggestion_event_usage_idx on suggestion_event (organization_id, action, document_id);
create index suggestion_event_case_idx on suggestion_event (case_id);
create index suggestion_event_staff_idx on suggestion_event (staff_id);

-- The service a case was routed to (from routing's CaseRouted), so that suggestions can prefer its articles.
create table suggestion_case_service (
    organization_id  uuid not null references organization (id),
    case_id          uuid primary key references support_case (id),
    service_id       uuid not null,
    updated_at       timestamptz not null
);
create index suggestion_case_service_org_idx on suggestion_case_service (organization_id);
