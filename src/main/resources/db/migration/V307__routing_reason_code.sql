-- A routing decision's reason as a code and its arguments, so that pages render it in the reader's language
-- (routing.RoutingReason). The English text in `reason` stays for the API and for the decisions made before this,
-- which have no code and are shown as they were written.
alter table routing_decision add column reason_code text check (reason_code in
    ('RULE', 'CLASSIFIER', 'KEPT', 'TRIAGE', 'NO_UNIT', 'NO_SERVICES', 'PERSON_CHOSE', 'PERSON_CORRECTED'));
alter table routing_decision add column reason_args jsonb;
alter table routing_decision add constraint routing_decision_reason_args_check
    check ((reason_code is null) = (reason_args is null));
