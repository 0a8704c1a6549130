-- Each reply to a staff member's own internal order (an INTERNAL case of their internal customer), kept by staffing
-- when the reply is posted, so that the workspace navigation counts the replies newer than the requester's last look
-- at each order (staffing_order_seen) with one query on staffing's own tables, on every workspace page. Keyed by the
-- staff member, not the customer, like staffing_order_seen: a merge of customers has nothing here to move.
create table staffing_order_reply (
    message_id       uuid primary key references case_message (id),
    staff_id         uuid not null references staff_user (id),
    case_id          uuid not null references support_case (id),
    organization_id  uuid not null references organization (id),
    replied_at       timestamptz not null
);
create index staffing_order_reply_staff_idx on staffing_order_reply (staff_id, case_id, replied_at);
create index staffing_order_reply_case_idx on staffing_order_reply (case_id);
create index staffing_order_reply_organization_idx on staffing_order_reply (organization_id);

-- the replies posted before this table existed
insert into staffing_order_reply (message_id, staff_id, case_id, organization_id, replied_at)
select m.id, cu.staff_user_id, c.id, c.organization_id, m.created_at
from support_case c
join customer cu on cu.id = c.customer_id and cu.organization_id = c.organization_id
join case_message m on m.case_id = c.id and m.kind = 'OUTBOUND'
where c.channel = 'INTERNAL' and cu.staff_user_id is not null and cu.merged_into is null;
