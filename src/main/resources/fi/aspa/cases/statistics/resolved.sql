-- Cases first resolved in the period, the staff's own apart, and how many have been reopened since (from RESOLVED
-- or CLOSED back to work). Parameters: organization, from, to, from, organization, unit, unit.
with first_resolved as (
    select e.case_id, min(e.created_at) as at
    from case_event e
    where e.organization_id = ? and e.type = 'STATUS_CHANGED' and e.created_at >= ? and e.created_at < ?
      and e.detail ->> 'to' = 'RESOLVED'
      and not exists (select 1 from case_event p
                      where p.case_id = e.case_id and p.organization_id = e.organization_id
                        and p.type = 'STATUS_CHANGED' and p.detail ->> 'to' = 'RESOLVED'
                        and p.created_at < ?)
    group by e.case_id
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
