-- Knowledge base: articles with fi/sv/en texts. Every save is a version (texts only); the article row keeps the
-- workflow state, the metadata and which version is live (published_version, null when nothing is published).

create table knowledge_article (
    id                uuid primary key,
    organization_id   uuid not null references organization (id),
    status            text not null check (status in ('DRAFT', 'IN_REVIEW', 'PUBLISHED', 'ARCHIVED')),
    visibility        text not null check (visibility in ('PUBLIC', 'INTERNAL')),
    owner_id          uuid references staff_user (id),
    review_date       date,
    service_ids       uuid[] not null default '{}',
    life_events       text[] not null default '{}',
    current_version   integer not null,
    published_version integer,
    source_case_id    uuid,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    unique (organization_id, id)
);
create index knowledge_article_organization_idx on knowledge_article (organization_id, status);
create index knowledge_article_owner_idx on knowledge_article (owner_id);

create table knowledge_version (
    organization_id uuid not null references organization (id),
    article_id      uuid not null references knowledge_article (id) on delete cascade,
    version         integer not null,
    title_fi        text,
    title_sv        text,
    title_en        text,
    body_fi         text,
    body_sv         text,
    body_en         text,
    author_id       uuid references staff_user (id),
    note            text,
    rolled_back_from integer,
    created_at      timestamptz not null,
    primary key (article_id, version)
);
create index knowledge_version_organization_idx on knowledge_version (organization_id);
create index knowledge_version_author_idx on knowledge_version (author_id);
