-- A routing decision's reason as a code and its arguments (routing.RoutingReason serialized; its code is
-- reason_args->>'code'), so that pages render it in the reader's language. The English text in `reason` stays for the
-- API and for the decisions made before this, which have no arguments and are shown as they were written.
alter table routing_decision add column reason_args jsonb;
