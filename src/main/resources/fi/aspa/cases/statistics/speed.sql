-- The cases opened in the period, the staff's own apart: how many, how many a person transferred, and the time to
-- the first reply and to the first resolution, from the facts each case keeps on its row (V345), read from
-- support_case_created_idx alone. Parameters: organization, from, to, unit, unit.
with hours as (
    select (c.channel = 'INTERNAL') as internal, c.staff_transferred as transferred,
           extract(epoch from c.first_reply_at - c.created_at) / 3600.0 as reply,
           extract(epoch from c.first_resolved_at - c.created_at) / 3600.0 as resolution
    from support_case c
    where c.organization_id = ? and c.created_at >= ? and c.created_at < ? and (?::uuid is null or c.unit_id = ?::uuid)
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
