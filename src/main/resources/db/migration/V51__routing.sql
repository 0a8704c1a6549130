-- Routing: why each case went where it went, and what people taught the classifier.

-- Every routing decision with its reasons: the service and unit chosen (or triage), the confidence, the reason in
-- words, the runners-up, and the model that decided.
create table routing_decision (
    id               uuid primary key,
    organization_id  uuid not null references organization (id),
    case_id          uuid not null references support_case (id),
    outcome          text not null check (outcome in ('ROUTED', 'TRIAGE', 'KEPT')),
    service_id       uuid references catalogue_service (id),
    unit_id          uuid references unit (id),
    assignee_id      uuid references staff_user (id),
    confidence       double precision not null,
    reason           text not null,
    alternatives     jsonb not null default '[]',
    model            text not null,
    decided_at       timestamptz not null
);
create index routing_decision_case_idx on routing_decision (case_id, decided_at desc);
create index routing_decision_organization_idx on routing_decision (organization_id, decided_at desc);
create index routing_decision_service_idx on routing_decision (service_id);
create index routing_decision_unit_idx on routing_decision (unit_id);
create index routing_decision_assignee_idx on routing_decision (assignee_id);

-- What people said about routes: a correction (the case belonged to another service) or a confirmation. The
-- classifier learns from these texts as the organization's history; automatic routes are never learnt from
-- (no feedback loop).
create table routing_feedback (
    id                   uuid primary key,
    organization_id      uuid not null references organization (id),
    case_id              uuid references support_case (id),
    text                 text not null,
    language             text not null check (language in ('fi', 'sv', 'en')),
    service_id           uuid not null references catalogue_service (id),
    previous_service_id  uuid references catalogue_service (id),
    kind                 text not null check (kind in ('CORRECTED', 'CONFIRMED', 'HISTORY')),
    staff_user_id        uuid references staff_user (id),
    created_at           timestamptz not null
);
create index routing_feedback_organization_idx on routing_feedback (organization_id, created_at desc);
create index routing_feedback_case_idx on routing_feedback (case_id);
create index routing_feedback_service_idx on routing_feedback (service_id);
create index routing_feedback_previous_service_idx on routing_feedback (previous_service_id);
create index routing_feedback_staff_idx on routing_feedback (staff_user_id);
