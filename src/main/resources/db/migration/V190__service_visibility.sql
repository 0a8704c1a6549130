-- Who may see a catalogue service: PUBLIC (residents' pages, public search, Open311, the web form's suggestions) or
-- INTERNAL (staff only: IT, HR, facilities). Existing services stay public, except those already offered to staff
-- as internal services (staffing_internal_service), which are what "internal" meant until now.
alter table catalogue_service add column visibility text not null default 'PUBLIC'
    check (visibility in ('PUBLIC', 'INTERNAL'));
update catalogue_service set visibility = 'INTERNAL'
where id in (select service_id from staffing_internal_service);
