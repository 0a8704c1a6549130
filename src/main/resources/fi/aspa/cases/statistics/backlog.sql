-- The open backlog now, the staff's own (INTERNAL) cases apart, and how much of it was opened over 7 and over 30
-- days ago. Parameters: now - 7 days, now - 30 days, organization, unit, unit.
select (c.channel = 'INTERNAL') as internal, count(*) as open,
       count(*) filter (where c.created_at < ?) as over7,
       count(*) filter (where c.created_at < ?) as over30
from support_case c
where c.organization_id = ? and c.status in ('NEW', 'OPEN', 'WAITING') and (?::uuid is null or c.unit_id = ?::uuid)
group by 1
