-- Questions and answers for events (qna): advance questions and questions asked live, with upvotes and moderation.
-- An event has a short public code, unique in its organization. PUBLIC events are the residents' (public page),
-- STAFF events only for the organization's signed-in staff.
create table qna_event (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    code            text not null check (code ~ '^[a-z0-9][a-z0-9-]{2,38}[a-z0-9]$'),
    title_fi        text not null check (char_length(title_fi) between 1 and 200),
    title_sv        text not null check (char_length(title_sv) between 1 and 200),
    title_en        text check (char_length(title_en) <= 200),
    description_fi  text check (char_length(description_fi) <= 4000),
    description_sv  text check (char_length(description_sv) <= 4000),
    description_en  text check (char_length(description_en) <= 4000),
    starts_at       timestamptz not null,
    ends_at         timestamptz not null,
    audience        text not null check (audience in ('PUBLIC', 'STAFF')),
    premoderated    boolean not null,
    created_by      uuid not null references staff_user (id),
    created_at      timestamptz not null,
    check (ends_at > starts_at),
    unique (organization_id, code)
);
create index qna_event_org_starts_idx on qna_event (organization_id, starts_at desc);
create index qna_event_created_by_idx on qna_event (created_by);

-- A question as published: its text is stored with personal data stripped. The name an asker gave is personal data:
-- it lives on a customer of its own (asker_customer_id), so that the moderators' view of it is in the access log.
create table qna_question (
    id                uuid primary key,
    organization_id   uuid not null references organization (id),
    event_id          uuid not null references qna_event (id),
    text              text not null check (char_length(text) between 1 and 2000),
    asker_customer_id uuid references customer (id),
    phase             text not null check (phase in ('ADVANCE', 'LIVE')),
    status            text not null check (status in ('PENDING', 'VISIBLE', 'ANSWERED', 'HIDDEN')),
    answer            text check (char_length(answer) <= 4000),
    created_at        timestamptz not null,
    answered_at       timestamptz
);
create index qna_question_event_idx on qna_question (event_id, created_at);
create index qna_question_org_idx on qna_question (organization_id);
create index qna_question_asker_idx on qna_question (asker_customer_id) where asker_customer_id is not null;

-- The question on the screen: one at a time per event.
alter table qna_event add column highlighted_question_id uuid references qna_question (id);
create index qna_event_highlighted_idx on qna_event (highlighted_question_id) where highlighted_question_id is not null;

-- One vote per question per voter: the SHA-256 of a browser's random cookie id or of a staff account's id.
create table qna_vote (
    organization_id uuid not null references organization (id),
    question_id     uuid not null references qna_question (id),
    voter_sha256    text not null check (char_length(voter_sha256) = 64),
    created_at      timestamptz not null,
    primary key (question_id, voter_sha256)
);
create index qna_vote_org_idx on qna_vote (organization_id);
