-- Customer satisfaction (CSAT): one survey invitation per resolved case, answered through a private link.
-- Only the SHA-256 of the link's token is stored. The comment is stored with personal data stripped; the row holds no
-- customer id, so the results page shows no one's identity.
create table feedback_invitation (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    case_id         uuid not null references support_case (id),
    unit_id         uuid references unit (id),
    service_id      uuid,
    channel         text not null,
    language        text not null check (language in ('fi', 'sv', 'en')),
    token_sha256    text not null unique,
    created_at      timestamptz not null,
    answered_at     timestamptz,
    score           smallint check (score between 1 and 5),
    comment         text check (char_length(comment) <= 2000),
    check ((answered_at is null) = (score is null)),
    unique (case_id)
);
-- the results page: an organization's invitations of a period, and its latest comments
create index feedback_invitation_org_created_idx on feedback_invitation (organization_id, created_at);
create index feedback_invitation_org_answered_idx on feedback_invitation (organization_id, answered_at desc) where answered_at is not null;
create index feedback_invitation_unit_idx on feedback_invitation (unit_id);

-- the email channel mails an email case's survey link once (a redelivered event sends nothing twice)
alter table email_message drop constraint email_message_kind_check;
alter table email_message add constraint email_message_kind_check
    check (kind in ('PENDING', 'NEW_CASE', 'CUSTOMER_MESSAGE', 'NOTE', 'RECORDED', 'REPLY', 'ACK', 'SURVEY'));
create unique index email_message_survey_once_idx on email_message (case_id) where kind = 'SURVEY';
