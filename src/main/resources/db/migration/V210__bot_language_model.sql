-- Optional language-model phrasing of the chatbot's answers, per organization (off unless an administrator turns it
-- on). api_key is sealed with ASPA_SECRET_KEY (AES-GCM, bound to the organization) when the key is set.
create table bot_language_model (
    organization_id  uuid primary key references organization (id),
    enabled          boolean not null default false,
    base_url         text not null default '',
    model            text not null default '',
    api_key          text,
    timeout_ms       integer not null default 5000 check (timeout_ms between 500 and 30000),
    max_tokens       integer not null default 400 check (max_tokens between 16 and 4000),
    updated_at       timestamptz not null
);

-- Every change of those settings: who, what (never the key itself), when.
create table bot_language_model_change (
    id               uuid primary key,
    organization_id  uuid not null references organization (id),
    changed_by       uuid not null references staff_user (id),
    what             text not null check (what in ('SAVED', 'KEY_SET', 'KEY_REMOVED', 'TESTED')),
    detail           text,
    changed_at       timestamptz not null
);
create index bot_language_model_change_organization_idx on bot_language_model_change (organization_id, changed_at desc);
create index bot_language_model_change_changed_by_idx on bot_language_model_change (changed_by);
