-- When a staff member last looked at one of their own internal orders (/workspace/order/{case}): "My orders" marks
-- the orders with a reply newer than that, since replies to internal cases are not emailed. One row per requester
-- and order, written when the requester opens the order. It holds no customer id, so a merge of customers has
-- nothing here to move.
create table staffing_order_seen (
    staff_id         uuid not null references staff_user (id),
    case_id          uuid not null references support_case (id),
    organization_id  uuid not null references organization (id),
    seen_at          timestamptz not null,
    primary key (staff_id, case_id)
);
create index staffing_order_seen_case_idx on staffing_order_seen (case_id);
create index staffing_order_seen_organization_idx on staffing_order_seen (organization_id);
