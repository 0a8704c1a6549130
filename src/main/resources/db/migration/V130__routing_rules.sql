-- Routing rules: an organization's explicit "when ... then ..." rules, tried in order before the classifier.
-- Every condition that is set must hold (null = any); keywords match when any one of them appears in the text.
create table routing_rule (
    id               uuid primary key,
    organization_id  uuid not null references organization (id),
    position         integer not null,
    name             text not null,
    enabled          boolean not null default true,
    -- conditions
    channel          text,
    mailbox          text,
    open311_code     text,
    keywords         text[] not null default '{}',
    language         text check (language in ('fi', 'sv', 'en')),
    customer_kind    text check (customer_kind in ('PERSON', 'BUSINESS', 'INTERNAL')),
    -- actions
    service_id       uuid references catalogue_service (id),
    unit_id          uuid references unit (id),
    assignee_id      uuid references staff_user (id),
    priority         text check (priority in ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
    tags             text[] not null default '{}',
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    check (service_id is not null or unit_id is not null)
);
create index routing_rule_organization_idx on routing_rule (organization_id, position);
create index routing_rule_service_idx on routing_rule (service_id);
create index routing_rule_unit_idx on routing_rule (unit_id);
create index routing_rule_assignee_idx on routing_rule (assignee_id);

-- A decision made by a rule names it; a decision made by a person (triage choice, correction) names the person.
alter table routing_decision add column rule_id uuid references routing_rule (id) on delete set null;
alter table routing_decision add column decided_by uuid references staff_user (id);
create index routing_decision_rule_idx on routing_decision (rule_id);
create index routing_decision_decided_by_idx on routing_decision (decided_by);
