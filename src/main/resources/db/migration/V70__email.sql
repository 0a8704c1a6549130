-- Email channel: the mailboxes an organization reads (IMAP) and answers from (SMTP), and every email that came
-- in or went out, kept raw, once.

create table email_mailbox (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    unit_id         uuid references unit (id),      -- null: the whole organization's mailbox
    name            text not null,
    imap_host       text not null,
    imap_port       integer not null check (imap_port between 1 and 65535),
    imap_security   text not null check (imap_security in ('SSL', 'STARTTLS', 'NONE')),
    imap_username   text not null,
    imap_password   text not null,                  -- 'v1:' AES-GCM under ASPA_SECRET_KEY, or 'plain:' without a key
    imap_folder     text not null default 'INBOX',
    smtp_host       text not null,
    smtp_port       integer not null check (smtp_port between 1 and 65535),
    smtp_security   text not null check (smtp_security in ('SSL', 'STARTTLS', 'NONE')),
    smtp_username   text,                           -- null: the relay needs no login
    smtp_password   text,
    from_address    text not null,
    enabled         boolean not null default true,
    ack_enabled     boolean not null default true,
    -- one node polls a mailbox at a time: it holds the lease until lease_until
    lease_owner     text,
    lease_until     timestamptz,
    next_poll_at    timestamptz not null default now(),
    last_polled_at  timestamptz,
    last_error      text,
    last_error_at   timestamptz,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index email_mailbox_organization_idx on email_mailbox (organization_id, lower(name));
create index email_mailbox_unit_idx on email_mailbox (unit_id);
create index email_mailbox_due_idx on email_mailbox (next_poll_at) where enabled;
create unique index email_mailbox_from_idx on email_mailbox (organization_id, lower(from_address));

create table email_message (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    mailbox_id      uuid references email_mailbox (id),
    direction       text not null check (direction in ('INBOUND', 'OUTBOUND')),
    -- what became of it: inbound NEW_CASE, CUSTOMER_MESSAGE, NOTE (auto-reply, bounce), RECORDED (kept only here);
    -- outbound REPLY, ACK; PENDING while being stored
    kind            text not null check (kind in ('PENDING', 'NEW_CASE', 'CUSTOMER_MESSAGE', 'NOTE', 'RECORDED', 'REPLY', 'ACK')),
    message_key     text not null,                  -- the Message-ID without <>, or sha256:<hex of raw> when missing
    message_id      text,                           -- the Message-ID header as found (without <>)
    address         text,                           -- inbound: the sender; outbound: the recipient
    subject         text,
    case_id         uuid references support_case (id),
    case_message_id uuid references case_message (id),
    raw             bytea not null,
    raw_sha256      text not null,
    html            text,                           -- the sanitized HTML body, for display
    malformed       boolean not null default false,
    auto_submitted  boolean not null default false,
    bounce          boolean not null default false,
    no_auto_reply   boolean not null default false, -- never answered automatically (auto-submitted, or asked so)
    created_at      timestamptz not null,
    unique (organization_id, message_key)
);
create index email_message_case_idx on email_message (case_id, created_at);
create index email_message_case_message_idx on email_message (case_message_id);
create index email_message_mailbox_idx on email_message (mailbox_id);
create index email_message_address_idx on email_message (organization_id, address, created_at) where direction = 'OUTBOUND';
-- a reply to the customer is sent once, however often its event is delivered; a case is acknowledged once
create unique index email_message_reply_once_idx on email_message (case_message_id) where kind = 'REPLY';
create unique index email_message_ack_once_idx on email_message (case_id) where kind = 'ACK';
