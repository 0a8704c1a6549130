-- Phone numbers in the one form every channel now stores and looks up (customer.PhoneNumber): the web form's
-- "+358 (0)40 123 4567" was stored as "+3580401234567", and "358401234567" without its plus, so the phone page and
-- the telephony hook, which look up "+358401234567", did not find those callers. Where a customer already has the
-- number in the right form the wrong copy goes (keeping the verified one's flag); otherwise it is rewritten.
create temporary table phone_fix on commit drop as
select id, organization_id, customer_id, verified, verified_how, verified_by, verified_at,
       case when value ~ '^\+3580' then '+358' || substr(value, 6) else '+' || value end as fixed
from contact_point
where kind = 'PHONE' and (value ~ '^\+3580' or (value ~ '^358[0-9]+$' and length(value) >= 9));

update contact_point p set verified = true, verified_how = f.verified_how, verified_by = f.verified_by, verified_at = f.verified_at
from phone_fix f
where p.organization_id = f.organization_id and p.customer_id = f.customer_id and p.kind = 'PHONE' and p.value = f.fixed
  and f.verified and not p.verified;

delete from contact_point p
using phone_fix f
where p.id = f.id
  and exists (select 1 from contact_point q where q.organization_id = f.organization_id and q.customer_id = f.customer_id
                and q.kind = 'PHONE' and q.value = f.fixed);

update contact_point p set value = f.fixed
from phone_fix f
where p.id = f.id;
