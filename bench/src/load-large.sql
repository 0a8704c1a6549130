-- The large data set for the read benchmarks, loaded with generate_series into the real schema, in the demo
-- organization (so the demo logins see it). :cases and :customers are replaced by bench/src/Bench.java.
-- Subjects and message bodies are the demo organization's own, so the text search sees realistic Finnish and Swedish.
-- (Texts are picked by joining numbered tables: an array column read per row would be detoasted for every row.)

-- sources: the demo organization, its units, staff, subjects and texts, numbered from 0
create temp table src as select id as org from organization where slug = 'esimerkkila';
create temp table src_unit as select row_number() over (order by name_fi) - 1 as n, id from unit where organization_id = (select org from src);
create temp table src_staff as select row_number() over (order by username) - 1 as n, id from staff_user
    where organization_id = (select org from src) and not ('ADMIN' = any(roles));
create temp table src_subject as select row_number() over (order by subject) - 1 as n, subject
    from (select distinct subject from support_case where organization_id = (select org from src)) s;
create temp table src_body as select row_number() over (order by body) - 1 as n, body
    from (select distinct body from case_message where organization_id = (select org from src) and kind = 'INBOUND') s;
create temp table src_reply as select row_number() over (order by body) - 1 as n, body
    from (select distinct body from case_message where organization_id = (select org from src) and kind = 'OUTBOUND') s;
create temp table src_size as select (select count(*) from src_unit) as units, (select count(*) from src_staff) as staff,
    (select count(*) from src_subject) as subjects, (select count(*) from src_body) as bodies, (select count(*) from src_reply) as replies;

-- customers
insert into customer (id, organization_id, kind, name, business_id, preferred_language, created_at)
select gen_random_uuid(), src.org,
       case when i % 10 = 0 then 'BUSINESS' else 'PERSON' end,
       case when i % 10 = 0 then 'Yritys ' || i || ' Oy' else (array['Aino','Matti','Liisa','Erik','Anna','Juha','Karin','Pekka'])[1 + i % 8]
            || ' ' || (array['Virtanen','Korhonen','Lindholm','Nieminen','Sjöberg','Mäkinen','Laine','Nyström','Heikkinen'])[1 + i % 9] || ' ' || i end,
       null, case when i % 5 = 0 then 'sv' else 'fi' end,
       now() - (i % 1800) * interval '1 day'
from generate_series(1, :customers) i, src;

-- numbering of the loaded customers
create temp table bench_customer as
select row_number() over (order by id) - 1 as n, id, preferred_language, created_at from customer
where organization_id = (select org from src) and (name like 'Yritys %' or name ~ ' [0-9]+$');
analyze bench_customer;

-- contact points for the customers
insert into contact_point (id, organization_id, customer_id, kind, value, verified, created_at)
select gen_random_uuid(), (select org from src), id, 'EMAIL', 'bench-customer-' || n || '@example.com', false, created_at
from bench_customer;

-- the cases to create, with their choices, oldest first over five years
create temp table gen as
select i, gen_random_uuid() as id, 'BENCH-' || to_char(i, 'FM0000000') as reference,
       now() - ((:cases - i) * (5 * 365 * 86400.0 / :cases))::float8 * interval '1 second' as created_at,
       (i::bigint * 7919) % (select count(*) from bench_customer) as customer_n,
       case when i > :cases - :cases / 40 then (array['NEW','OPEN','WAITING','RESOLVED'])[1 + i % 4]
            when i % 200 = 0 then 'WAITING' when i % 97 = 0 then 'RESOLVED' else 'CLOSED' end as status,
       i % z.units as unit_n, i % z.staff as staff_n, i % z.subjects as subject_n,
       (i::bigint * 31) % z.bodies as body_n, (i::bigint * 17) % z.replies as reply_n
from generate_series(1, :cases) i cross join src_size z;
analyze gen;

-- support_case: 1 row per case
insert into support_case (id, organization_id, reference, subject, channel, language, customer_id, unit_id, assignee_id,
                          priority, status, tags, topic, created_at, updated_at, search)
select g.id, (select org from src), g.reference, s.subject,
       (array['WEB_FORM','EMAIL','PHONE','CHAT','CHATBOT','WALK_IN','APPOINTMENT','OPEN311','API'])[1 + g.i % 9],
       c.preferred_language, c.id, u.id,
       case when g.status = 'NEW' or g.i % 5 = 0 then null else st.id end,
       (array['NORMAL','NORMAL','NORMAL','LOW','HIGH','NORMAL','URGENT','NORMAL'])[1 + g.i % 8],
       g.status, array['bench', (array['katuvalot','päivähoito','rakennuslupa','laskutus','kirjasto'])[1 + g.i % 5]], 'bench',
       g.created_at, least(now(), g.created_at + (g.i % 240) * interval '1 hour'),
       setweight(to_tsvector('simple', g.reference || ' ' || s.subject), 'A') || to_tsvector('simple', b.body)
from gen g
join bench_customer c on c.n = g.customer_n
join src_unit u on u.n = g.unit_n
join src_staff st on st.n = g.staff_n
join src_subject s on s.n = g.subject_n
join src_body b on b.n = g.body_n;

-- case_message: the inbound message of every case
insert into case_message (id, organization_id, case_id, kind, channel, author_staff_id, body, created_at)
select gen_random_uuid(), (select org from src), g.id, 'INBOUND', 'WEB_FORM', null, b.body, g.created_at
from gen g join src_body b on b.n = g.body_n;

-- case_message: a reply on all but the new cases, 1 to 47 hours after the case came in
insert into case_message (id, organization_id, case_id, kind, channel, author_staff_id, body, created_at)
select gen_random_uuid(), (select org from src), g.id, 'OUTBOUND', 'WEB_FORM', st.id, r.body,
       least(now(), g.created_at + (1 + g.i % 47) * interval '1 hour')
from gen g join src_reply r on r.n = g.reply_n join src_staff st on st.n = g.staff_n where g.status <> 'NEW';

-- case_message: an internal note on every fourth case
insert into case_message (id, organization_id, case_id, kind, channel, author_staff_id, body, created_at)
select gen_random_uuid(), (select org from src), g.id, 'NOTE', 'WEB_FORM', st.id,
       'Tarkistettu asiakastiedot järjestelmästä, tiedot täsmäävät.', least(now(), g.created_at + interval '2 hours')
from gen g join src_staff st on st.n = g.staff_n where g.i % 4 = 0;

-- case_event: opened, for every case
insert into case_event (id, organization_id, case_id, actor_staff_id, actor, type, detail, created_at)
select gen_random_uuid(), (select org from src), g.id, null, 'CUSTOMER', 'OPENED',
       jsonb_build_object('channel', 'WEB_FORM', 'reference', g.reference), g.created_at
from gen g;

-- the way of each case that is not new through the lifecycle (Lifecycle's moves, as the insights dashboard reads
-- them): opened by the person who replies, when the reply is sent; resolved 1 to 240 hours after that; every 50th
-- resolved case older than a month reopened by the customer a day after its resolution and resolved again two days
-- later; closed cases closed a week after their last resolution (times capped at now)
create temp table gen_status as
select g.id, g.status, g.staff_n, g.created_at + (1 + g.i % 47) * interval '1 hour' as replied_at,
       g.created_at + (1 + g.i % 47) * interval '1 hour' + (1 + (g.i::bigint * 7) % 240) * interval '1 hour' as resolved_at,
       g.status in ('RESOLVED', 'CLOSED') and g.i % 50 = 3 and g.created_at < now() - interval '30 days' as reopened
from gen g where g.status <> 'NEW';

-- case_event: the status changes (about 2.9 per case that is not new)
insert into case_event (id, organization_id, case_id, actor_staff_id, actor, type, detail, created_at)
select gen_random_uuid(), (select org from src), s.id, case when m.actor = 'STAFF' then st.id end, m.actor, 'STATUS_CHANGED',
       jsonb_build_object('from', m.from_status, 'to', m.to_status), least(now(), m.at)
from gen_status s
join src_staff st on st.n = s.staff_n
cross join lateral (values
    ('STAFF', 'NEW', case when s.status in ('OPEN', 'WAITING') then s.status else 'OPEN' end, s.replied_at, true),
    ('STAFF', 'OPEN', 'RESOLVED', s.resolved_at, s.status in ('RESOLVED', 'CLOSED')),
    ('CUSTOMER', 'RESOLVED', 'OPEN', s.resolved_at + interval '1 day', s.reopened),
    ('STAFF', 'OPEN', 'RESOLVED', s.resolved_at + interval '3 days', s.reopened),
    ('STAFF', 'RESOLVED', 'CLOSED', s.resolved_at + case when s.reopened then interval '10 days' else interval '7 days' end,
     s.status = 'CLOSED')
) m(actor, from_status, to_status, at, wanted)
where m.wanted;

-- case_event: a person transferred every tenth case that is not new from the next unit to its own, 30 minutes in
insert into case_event (id, organization_id, case_id, actor_staff_id, actor, type, detail, created_at)
select gen_random_uuid(), (select org from src), g.id, st.id, 'STAFF', 'TRANSFERRED',
       jsonb_build_object('fromUnit', f.id::text, 'toUnit', u.id::text), least(now(), g.created_at + interval '30 minutes')
from gen g
join src_staff st on st.n = g.staff_n
join src_unit u on u.n = g.unit_n
join src_unit f on f.n = (g.unit_n + 1) % (select units from src_size)
where g.status <> 'NEW' and g.i % 10 = 7;

-- the dashboard's facts of each case (first reply and resolution, reopened, transferred by a person), each case's
-- row written once: the triggers that keep them (V345) are off during the load (session_replication_role)
select support_case_facts_rebuild((select org from src))
