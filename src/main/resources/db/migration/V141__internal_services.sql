-- Internal services: catalogue services that staff order from each other (IT, HR, facilities) at /workspace/order.
create table staffing_internal_service (
    service_id       uuid primary key references catalogue_service (id),
    organization_id  uuid not null references organization (id),
    created_at       timestamptz not null
);
create index staffing_internal_service_organization_idx on staffing_internal_service (organization_id);
