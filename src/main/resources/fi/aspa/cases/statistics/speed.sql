-- The cases opened in the period, the staff's own apart: how many, how many a person transferred, and the time to
-- the first reply and to the first resolution. Each case's first reply, resolution and transfer are looked up once,
-- in lateral joins: as scalar subqueries in the select list they were copied into every aggregate that reads them
-- (PostgreSQL inlines the CTEs), three look-ups per case (BENCHMARKS.md "Dashboard"). Parameters: organization,
-- from, to, unit, unit.
with opened as (
    select (c.channel = 'INTERNAL') as internal, c.created_at, r.replied_at, s.resolved_at, t.transferred
    from support_case c
    cross join lateral (
        select min(m.created_at) as replied_at from case_message m
        where m.case_id = c.id and m.organization_id = c.organization_id and m.kind = 'OUTBOUND') r
    cross join lateral (
        select min(e.created_at) as resolved_at from case_event e
        where e.case_id = c.id and e.organization_id = c.organization_id and e.type = 'STATUS_CHANGED'
          and e.detail ->> 'to' = 'RESOLVED') s
    cross join lateral (
        select exists (select 1 from case_event t
                       where t.case_id = c.id and t.organization_id = c.organization_id
                         and t.type = 'TRANSFERRED' and t.actor = 'STAFF') as transferred) t
    where c.organization_id = ? and c.created_at >= ? and c.created_at < ? and (?::uuid is null or c.unit_id = ?::uuid)
), hours as (
    select internal, extract(epoch from replied_at - created_at) / 3600.0 as reply,
           extract(epoch from resolved_at - created_at) / 3600.0 as resolution, transferred
    from opened
)
select internal, count(*) as opened, count(*) filter (where transferred) as transferred,
       count(reply) as replied,
       percentile_cont(0.5) within group (order by reply) as reply_median,
       percentile_cont(0.9) within group (order by reply) as reply_p90,
       count(resolution) as resolved,
       percentile_cont(0.5) within group (order by resolution) as resolution_median,
       percentile_cont(0.9) within group (order by resolution) as resolution_p90
from hours
group by internal
