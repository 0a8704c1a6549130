-- The email channel tells a resident who gave an email address with their idea when it is published, rejected or
-- gets a status: each mail recorded under the change's key before it is sent, so a redelivered event sends nothing twice.
create table email_idea_notice (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    notice_key      text not null,                 -- idea:<idea>:<change>:<changed at, epoch ms>
    idea_id         uuid not null references idea (id),
    mailbox_id      uuid references email_mailbox (id),
    address         text not null,
    message_id      text not null,
    created_at      timestamptz not null,
    unique (organization_id, notice_key)
);
create index email_idea_notice_idea_idx on email_idea_notice (idea_id);
create index email_idea_notice_mailbox_idx on email_idea_notice (mailbox_id);
