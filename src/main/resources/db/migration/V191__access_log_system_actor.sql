-- The personal-data access log also records what the system did without a staff member of this organization, such as a
-- case handed over from another organization arriving here (staff_user_id null = the system).
alter table personal_data_access alter column staff_user_id drop not null;
-- Neither a staff member nor an API token (V160's check) is then the reader: the system is.
alter table personal_data_access drop constraint if exists personal_data_access_reader;
