-- Routing's outbox for new cases: the intake transaction writes a row here (routing.RoutingPending, a plain listener of
-- CaseOpened in the case's own transaction) instead of an event publication per listener; routing.RoutingWorker claims
-- due rows with FOR UPDATE SKIP LOCKED (one node routes a case, once), routes a batch of cases in one transaction and
-- deletes their rows in it. A case that fails stays here with its attempts, the last error and when to try again.
create table routing_pending (
    case_id          uuid primary key,
    organization_id  uuid not null, -- no foreign key: a transient row, written on the hot path (see above)
    created_at       timestamptz not null,
    attempts         integer not null default 0,
    next_attempt_at  timestamptz not null,
    last_error       text
);
create index routing_pending_due_idx on routing_pending (next_attempt_at);
