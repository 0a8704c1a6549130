-- Indexes that exist for a foreign key (so that deleting a staff member, unit, rule or customer does not scan the
-- table) only need the rows that have a reference. Most rows written at intake have none: a new case has no
-- assignee yet, an inbound message no staff author, a resident no staff account. Partial indexes leave those rows
-- out, so a new contact writes about ten fewer index entries; the foreign key's look-up (col = $1) still uses them.
drop index support_case_assignee_fk_idx;
create index support_case_assignee_fk_idx on support_case (assignee_id) where assignee_id is not null;
drop index support_case_unit_fk_idx;
create index support_case_unit_fk_idx on support_case (unit_id) where unit_id is not null;
drop index case_event_actor_idx;
create index case_event_actor_idx on case_event (actor_staff_id) where actor_staff_id is not null;
drop index case_message_author_idx;
create index case_message_author_idx on case_message (author_staff_id) where author_staff_id is not null;
drop index customer_merged_into_idx;
create index customer_merged_into_idx on customer (merged_into) where merged_into is not null;
drop index customer_staff_user_idx;
create index customer_staff_user_idx on customer (staff_user_id) where staff_user_id is not null;
drop index contact_point_verified_by_idx;
create index contact_point_verified_by_idx on contact_point (verified_by) where verified_by is not null;
drop index contact_point_audit_staff_idx;
create index contact_point_audit_staff_idx on contact_point_audit (staff_user_id) where staff_user_id is not null;
drop index routing_decision_decided_by_idx;
create index routing_decision_decided_by_idx on routing_decision (decided_by) where decided_by is not null;
drop index routing_decision_rule_idx;
create index routing_decision_rule_idx on routing_decision (rule_id) where rule_id is not null;
drop index routing_decision_assignee_idx;
create index routing_decision_assignee_idx on routing_decision (assignee_id) where assignee_id is not null;
