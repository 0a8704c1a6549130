-- Machine clients (API tokens) read personal data too, e.g. cases found by GET /api/v1/search?type=case:
-- the access log names either the staff member or the API token.
alter table personal_data_access alter column staff_user_id drop not null;
alter table personal_data_access add column api_token_id uuid references api_token (id);
alter table personal_data_access add constraint personal_data_access_reader
    check (staff_user_id is not null or api_token_id is not null);
create index personal_data_access_api_token_idx on personal_data_access (api_token_id) where api_token_id is not null;
