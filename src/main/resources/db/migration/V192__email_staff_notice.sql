-- Mail to staff (today: a service-level breach to the unit's managers). Recorded under a unique key before it is sent,
-- in the same transaction, so that a redelivered event (retry, restart, another node) sends nothing twice.
-- Kept apart from email_message, which is the customers' correspondence and its threading.
create table email_staff_notice (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    notice_key      text not null,                 -- e.g. sla-breach:<case>:<clock kind>:<breached at, epoch ms>
    staff_id        uuid not null references staff_user (id),
    mailbox_id      uuid references email_mailbox (id),
    address         text not null,
    message_id      text not null,
    subject         text not null,
    case_id         uuid references support_case (id),
    created_at      timestamptz not null,
    unique (organization_id, notice_key, staff_id)
);
create index email_staff_notice_case_idx on email_staff_notice (case_id);
create index email_staff_notice_staff_idx on email_staff_notice (staff_id);
create index email_staff_notice_mailbox_idx on email_staff_notice (mailbox_id);
