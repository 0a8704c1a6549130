-- Cases first resolved in the period, the staff's own apart, and how many have been reopened since (from RESOLVED
-- or CLOSED back to work): the facts each case keeps on its row (V345), read from support_case_first_resolved_idx
-- alone. Parameters: organization, from, to, unit, unit.
select (c.channel = 'INTERNAL') as internal, count(*) as resolved, count(*) filter (where c.reopened) as reopened
from support_case c
where c.organization_id = ? and c.first_resolved_at >= ? and c.first_resolved_at < ?
  and (?::uuid is null or c.unit_id = ?::uuid)
group by 1
