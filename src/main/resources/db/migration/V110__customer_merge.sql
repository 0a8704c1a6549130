-- One customer across channels: who verified a contact point and how, duplicates merged with an audit trail.

-- A merged customer stays as a tombstone pointing to the customer it was merged into, so that old links still
-- lead somewhere; it has no contact points, identity codes or cases left and is never recognized again.
alter table customer add column merged_into uuid references customer (id);
alter table customer add column merged_at timestamptz;
create index customer_merged_into_idx on customer (merged_into);

-- How a contact point came to be verified (IDENTIFIED: a trusted source such as strong identification or the
-- organization's own system through the API; STAFF: an agent checked it; REPLY: the customer answered our own
-- message sent to that address), and who verified it when staff did.
alter table contact_point add column verified_how text check (verified_how in ('IDENTIFIED', 'STAFF', 'REPLY'));
alter table contact_point add column verified_by uuid references staff_user (id);
alter table contact_point add column verified_at timestamptz;
create index contact_point_verified_by_idx on contact_point (verified_by);
update contact_point set verified_how = 'IDENTIFIED', verified_at = created_at where verified;

-- Every change of a contact point's verified flag: who, when, what, why.
create table contact_point_audit (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    customer_id     uuid not null references customer (id),
    kind            text not null check (kind in ('EMAIL', 'PHONE')),
    value           text not null,
    verified        boolean not null,
    how             text not null check (how in ('IDENTIFIED', 'STAFF', 'REPLY')),
    staff_user_id   uuid references staff_user (id),
    created_at      timestamptz not null
);
create index contact_point_audit_customer_idx on contact_point_audit (customer_id, created_at desc);
create index contact_point_audit_organization_idx on contact_point_audit (organization_id);
create index contact_point_audit_staff_idx on contact_point_audit (staff_user_id);

-- Every merge: customer "from" was merged into customer "into" by a staff member, for a reason; what moved.
create table customer_merge (
    id               uuid primary key,
    organization_id  uuid not null references organization (id),
    into_customer_id uuid not null references customer (id),
    from_customer_id uuid not null references customer (id),
    from_name        text not null,
    staff_user_id    uuid not null references staff_user (id),
    reason           text not null,
    moved            jsonb not null default '{}',
    merged_at        timestamptz not null
);
create index customer_merge_into_idx on customer_merge (into_customer_id, merged_at desc);
create index customer_merge_from_idx on customer_merge (from_customer_id);
create index customer_merge_organization_idx on customer_merge (organization_id, merged_at desc);
create index customer_merge_staff_idx on customer_merge (staff_user_id);
