-- The insights dashboard on a million cases (BENCHMARKS.md "Dashboard"): a 90-day period of the whole organization
-- took 4 s, nearly all of it in CaseStatisticsStore reading the heap row by row, once per case of the period and
-- once per looked-up message or event. These indexes let each of those reads be answered from an index alone.

-- A period's cases (contacts per channel and week; the cases whose speed is measured): the same key as before, now
-- with the columns those queries read, so the period is an index-only scan instead of a heap page per case.
drop index support_case_created_idx;
create index support_case_created_idx on support_case (organization_id, created_at desc) include (id, channel, unit_id);

-- A case's first reply: its outbound messages only, without reading each of its messages from the heap.
create index case_message_outbound_idx on case_message (case_id, created_at) include (organization_id) where kind = 'OUTBOUND';

-- A case's first resolution (its resolution time; whether it was resolved before a period) and whether a person
-- transferred it: the few events that say so, found by case.
create index case_event_resolved_idx on case_event (case_id, created_at) include (organization_id)
    where type = 'STATUS_CHANGED' and detail ->> 'to' = 'RESOLVED';
create index case_event_staff_transfer_idx on case_event (case_id) include (organization_id)
    where type = 'TRANSFERRED' and actor = 'STAFF';
