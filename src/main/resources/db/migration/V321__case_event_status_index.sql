-- The insights dashboard counts an organization's resolutions of a period from its status changes; the
-- organization's own index on case_event has no time, so a period would read all of the organization's events.
create index case_event_status_changed_idx on case_event (organization_id, created_at) where type = 'STATUS_CHANGED';
