-- Assignment compares the open cases of a unit's people for every routed case. Counting them through
-- support_case_assignee_idx visited every case a person ever had and read each row for its status: with tens of
-- thousands of cases per person it cost milliseconds per routed case and grew with the backlog. This index holds only
-- assigned cases that are still open, and the count stops at a cap (Cases.LOAD_CAP).
create index support_case_open_load_idx on support_case (organization_id, assignee_id)
    where assignee_id is not null and status in ('NEW', 'OPEN', 'WAITING');
