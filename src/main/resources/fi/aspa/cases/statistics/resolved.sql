-- Cases first resolved in the period, the staff's own apart, and how many have been reopened since (from RESOLVED
-- or CLOSED back to work). A case resolved in the period was first resolved in it when its earliest resolution of all
-- is not before the period: that earliest one is looked up per case (case_event_resolved_idx, by case), instead of
-- checking the case against every resolution before the period (an anti-join the planner ran over the whole
-- history: BENCHMARKS.md "Dashboard"). Parameters: organization, from, to, from, organization, unit, unit.
with resolved_in_period as (
    select distinct e.case_id, e.organization_id
    from case_event e
    where e.organization_id = ? and e.type = 'STATUS_CHANGED' and e.created_at >= ? and e.created_at < ?
      and e.detail ->> 'to' = 'RESOLVED'
), first_resolved as (
    select r.case_id, f.at
    from resolved_in_period r
    cross join lateral (
        select min(p.created_at) as at from case_event p
        where p.case_id = r.case_id and p.organization_id = r.organization_id
          and p.type = 'STATUS_CHANGED' and p.detail ->> 'to' = 'RESOLVED') f
    where f.at >= ?
)
select (c.channel = 'INTERNAL') as internal, count(*) as resolved,
       count(*) filter (where exists (
           select 1 from case_event r
           where r.case_id = f.case_id and r.organization_id = c.organization_id
             and r.type = 'STATUS_CHANGED' and r.created_at > f.at
             and r.detail ->> 'from' in ('RESOLVED', 'CLOSED')
             and r.detail ->> 'to' in ('NEW', 'OPEN', 'WAITING'))) as reopened
from first_resolved f join support_case c on c.id = f.case_id and c.organization_id = ?
where (?::uuid is null or c.unit_id = ?::uuid)
group by 1
