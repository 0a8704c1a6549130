-- The personal-data access log also records what the system did without a staff member of this organization, such as a
-- case handed over from another organization arriving here (staff_user_id null = the system).
alter table personal_data_access alter column staff_user_id drop not null;
