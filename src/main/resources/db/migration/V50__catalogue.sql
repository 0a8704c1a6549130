-- Service catalogue: what an organization offers, to whom, through which channels, and who handles it.
-- Names and texts in fi/sv/en (Finnish required); PTV (Suomi.fi Service Catalogue) id and reference code for
-- import and export; the Open311 service code where the service takes Open311 requests.

create table catalogue_service (
    id               uuid primary key,
    organization_id  uuid not null references organization (id),
    ptv_id           uuid,
    reference_code   text,
    open311_code     text,
    service_type     text,
    charge_type      text,
    name_fi          text not null,
    name_sv          text,
    name_en          text,
    summary_fi       text,
    summary_sv       text,
    summary_en       text,
    description_fi   text,
    description_sv   text,
    description_en   text,
    instructions_fi  text,
    instructions_sv  text,
    instructions_en  text,
    keywords         text[] not null default '{}',
    unit_id          uuid references unit (id),
    channels         text[] not null default '{}',
    source           text not null check (source in ('LOCAL', 'PTV', 'OPEN311')),
    ptv_extra        jsonb not null default '{}',   -- PTV fields kept only to export them back unchanged
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    unique (organization_id, id),
    unique (organization_id, ptv_id),
    unique (organization_id, open311_code)
);
create index catalogue_service_organization_idx on catalogue_service (organization_id, name_fi);
create index catalogue_service_unit_idx on catalogue_service (unit_id);

-- Service classes, target groups, life events and ontology terms of a service (PTV vocabularies by URI).
create table catalogue_concept (
    organization_id  uuid not null references organization (id),
    service_id       uuid not null references catalogue_service (id) on delete cascade,
    kind             text not null check (kind in ('SERVICE_CLASS', 'TARGET_GROUP', 'LIFE_EVENT', 'ONTOLOGY_TERM')),
    uri              text not null,
    label_fi         text not null,
    label_sv         text,
    label_en         text,
    position         integer not null,
    primary key (service_id, kind, uri)
);
create index catalogue_concept_browse_idx on catalogue_concept (organization_id, kind, uri);

-- Named responsible persons and subject experts of a service.
create table catalogue_person (
    organization_id  uuid not null references organization (id),
    service_id       uuid not null references catalogue_service (id) on delete cascade,
    staff_user_id    uuid not null references staff_user (id),
    role             text not null check (role in ('RESPONSIBLE', 'EXPERT')),
    primary key (service_id, staff_user_id, role)
);
create index catalogue_person_staff_idx on catalogue_person (staff_user_id);
create index catalogue_person_organization_idx on catalogue_person (organization_id);
