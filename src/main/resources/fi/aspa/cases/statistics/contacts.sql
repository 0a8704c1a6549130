-- The period's new cases per channel and Helsinki week (its Monday). Parameters: organization, from, to, unit, unit.
select c.channel, (date_trunc('week', c.created_at at time zone 'Europe/Helsinki'))::date as week, count(*) as cases
from support_case c
where c.organization_id = ? and c.created_at >= ? and c.created_at < ? and (?::uuid is null or c.unit_id = ?::uuid)
group by 1, 2 order by 2, 1
