-- The customer-experience network (insights): whether an organization shares its aggregate customer-experience
-- figures with the other organizations on the platform that share theirs (give to get; no row: not shared), and
-- whether its name is shown to them or it appears anonymously. Only counts and rates are ever shared, computed on
-- request by the modules that own the data; nothing is copied here.
create table network_share (
    organization_id uuid primary key references organization (id),
    shares          boolean not null,
    named           boolean not null,
    updated_by      uuid not null references staff_user (id),
    updated_at      timestamptz not null
);
-- the sharing organizations (the comparison lists them)
create index network_share_sharing_idx on network_share (organization_id) where shares;
create index network_share_updated_by_idx on network_share (updated_by);

-- Every change of the setting: who, when, and the setting after it.
create table network_share_change (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    changed_by      uuid not null references staff_user (id),
    changed_at      timestamptz not null,
    shares          boolean not null,
    named           boolean not null
);
create index network_share_change_org_idx on network_share_change (organization_id, changed_at);
create index network_share_change_by_idx on network_share_change (changed_by);
