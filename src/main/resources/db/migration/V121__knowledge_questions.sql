-- Staff questions to experts: each is an internal case (the asker is an internal customer); when the case is
-- resolved, the question and the answer become an internal article draft (article_id).
create table knowledge_question (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    asker_id        uuid not null references staff_user (id),
    case_id         uuid not null references support_case (id),
    service_id      uuid references catalogue_service (id),
    question        text not null,
    language        text not null,
    article_id      uuid references knowledge_article (id),
    created_at      timestamptz not null,
    unique (organization_id, case_id)
);
create index knowledge_question_organization_idx on knowledge_question (organization_id, created_at desc);
create index knowledge_question_asker_idx on knowledge_question (asker_id);
create index knowledge_question_case_idx on knowledge_question (case_id);
create index knowledge_question_service_idx on knowledge_question (service_id);
create index knowledge_question_article_idx on knowledge_question (article_id);
