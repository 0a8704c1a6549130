-- The access log's review page narrows the log by purpose and lists the purposes an organization's log holds (a skip
-- scan over this index: one probe per purpose, not a read of the whole log).
create index personal_data_access_purpose_idx on personal_data_access (organization_id, purpose, accessed_at desc);
