-- Hand-over of a case between organizations on the same platform (module fi.aspa.handover).

-- Whether an organization accepts hand-overs from the other organizations on the platform.
create table handover_setting (
    organization_id uuid primary key references organization (id),
    accepts         boolean not null,
    updated_at      timestamptz not null
);

-- One hand-over: the id is the opaque hand-over id both organizations see. organization_id is the sender (the
-- controller of the sending case); the receiver is the controller of the new case. Neither organization reads the
-- other's tables: the sender sees only receiver_status, which the receiver's own status changes write here.
create table handover (
    id                        uuid primary key,
    organization_id           uuid not null references organization (id),
    sender_case_id            uuid not null references support_case (id),
    receiver_organization_id  uuid not null references organization (id),
    receiver_case_id          uuid not null references support_case (id),
    summary                   text not null,
    basis                     text not null check (basis in ('CONSENT', 'LEGAL')),
    basis_detail              text not null,
    included                  text[] not null,
    sent_by                   uuid not null references staff_user (id),
    receiver_status           text not null,
    receiver_updated_at       timestamptz not null,
    created_at                timestamptz not null,
    check (receiver_organization_id <> organization_id)
);
create index handover_sender_idx on handover (organization_id, sender_case_id);
create index handover_sender_case_idx on handover (sender_case_id);
create index handover_receiver_idx on handover (receiver_organization_id, receiver_case_id);
create index handover_receiver_case_idx on handover (receiver_case_id);
create index handover_sent_by_idx on handover (sent_by);
