-- Participation: ideation rounds (a question to residents or to the organization's staff), the ideas sent to them,
-- support (one per browser or staff account), and the staff's comment threads.
create table idea_round (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    audience        text not null check (audience in ('PUBLIC', 'STAFF')),
    title_fi        text not null check (char_length(title_fi) between 1 and 200),
    title_sv        text not null check (char_length(title_sv) between 1 and 200),
    title_en        text check (char_length(title_en) <= 200),
    description_fi  text not null check (char_length(description_fi) between 1 and 4000),
    description_sv  text not null check (char_length(description_sv) between 1 and 4000),
    description_en  text check (char_length(description_en) <= 4000),
    service_id      uuid references catalogue_service (id),
    opens_at        timestamptz not null,
    closes_at       timestamptz not null,
    created_by      uuid not null references staff_user (id),
    created_at      timestamptz not null,
    check (closes_at > opens_at)
);
create index idea_round_org_idx on idea_round (organization_id, closes_at desc);
create index idea_round_service_idx on idea_round (service_id);
create index idea_round_created_by_idx on idea_round (created_by);

-- A resident's idea waits for moderation (PENDING) and is public only when PUBLISHED, with the text stripped of
-- personal data in published_title/published_body; a staff idea is PUBLISHED at once, as written. The submitter's
-- optional name and email are a customer (customer_id): viewing them is logged. Only the follow link's SHA-256 is kept.
create table idea (
    id                  uuid primary key,
    organization_id     uuid not null references organization (id),
    round_id            uuid not null references idea_round (id),
    title               text not null check (char_length(title) between 1 and 200),
    body                text not null check (char_length(body) between 1 and 4000),
    published_title     text check (char_length(published_title) <= 200),
    published_body      text check (char_length(published_body) <= 4000),
    language            text not null check (language in ('fi', 'sv', 'en')),
    author_staff_id     uuid references staff_user (id),
    customer_id         uuid references customer (id),
    follow_token_sha256 text unique,
    moderation          text not null check (moderation in ('PENDING', 'PUBLISHED', 'REJECTED')),
    rejection_reason    text check (char_length(rejection_reason) <= 2000),
    moderated_by        uuid references staff_user (id),
    moderated_at        timestamptz,
    status              text not null default 'NEW'
                        check (status in ('NEW', 'UNDER_CONSIDERATION', 'PLANNED', 'IMPLEMENTED', 'DECLINED')),
    response            text check (char_length(response) <= 4000),
    status_changed_by   uuid references staff_user (id),
    status_changed_at   timestamptz,
    created_at          timestamptz not null,
    check (status not in ('IMPLEMENTED', 'DECLINED') or response is not null),
    check (moderation <> 'PUBLISHED' or published_title is not null),
    check (moderation <> 'REJECTED' or rejection_reason is not null)
);
create index idea_round_created_idx on idea (round_id, created_at desc);
create index idea_org_moderation_idx on idea (organization_id, moderation, created_at);
create index idea_author_idx on idea (author_staff_id);
create index idea_customer_idx on idea (customer_id);
create index idea_moderated_by_idx on idea (moderated_by);
create index idea_status_changed_by_idx on idea (status_changed_by);

-- One support per browser (the SHA-256 of a random cookie id) or per staff account and idea.
create table idea_support (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    idea_id         uuid not null references idea (id),
    supporter_sha256 text,
    staff_user_id   uuid references staff_user (id),
    created_at      timestamptz not null,
    check (num_nonnulls(supporter_sha256, staff_user_id) = 1)
);
create unique index idea_support_browser_idx on idea_support (idea_id, supporter_sha256) where supporter_sha256 is not null;
create unique index idea_support_staff_once_idx on idea_support (idea_id, staff_user_id) where staff_user_id is not null;
create index idea_support_idea_idx on idea_support (idea_id);
create index idea_support_staff_idx on idea_support (staff_user_id);
create index idea_support_org_idx on idea_support (organization_id);

-- The staff's comment thread of an idea.
create table idea_comment (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    idea_id         uuid not null references idea (id),
    author_staff_id uuid not null references staff_user (id),
    body            text not null check (char_length(body) between 1 and 2000),
    created_at      timestamptz not null
);
create index idea_comment_idea_idx on idea_comment (idea_id, created_at);
create index idea_comment_author_idx on idea_comment (author_staff_id);
create index idea_comment_org_idx on idea_comment (organization_id);
