-- Pre-assignments and reflection tasks sent to units (assignments): an administrator writes a task (fi/sv, en
-- optional) with 1-10 questions, chooses the units it goes to and its open and due dates (Helsinki dates), and sends
-- it; each unit answers once, as a group (assignment_answer). Every row carries the organization, and units are tied
-- to it by the composite key, so no task or answer can point at another tenant's unit.
create table assignment (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    kind            text not null check (kind in ('PRE_ASSIGNMENT', 'REFLECTION')),
    title_fi        text not null check (char_length(title_fi) between 1 and 200),
    title_sv        text not null check (char_length(title_sv) between 1 and 200),
    title_en        text check (char_length(title_en) between 1 and 200),
    instructions_fi text not null check (char_length(instructions_fi) between 1 and 4000),
    instructions_sv text not null check (char_length(instructions_sv) between 1 and 4000),
    instructions_en text check (char_length(instructions_en) between 1 and 4000),
    -- all units of the organization (resolved into assignment_unit when sent), or the ones chosen
    all_units       boolean not null,
    opens_on        date not null,
    due_on          date not null,
    -- a pre-assignment for a training: the code of the organization's qna event (a plain link, no foreign key)
    event_code      text check (event_code ~ '^[a-z0-9][a-z0-9-]{2,38}[a-z0-9]$'),
    status          text not null default 'DRAFT' check (status in ('DRAFT', 'SENT')),
    created_by      uuid not null references staff_user (id),
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    sent_by         uuid references staff_user (id),
    sent_at         timestamptz,
    check (due_on >= opens_on),
    check ((status = 'SENT') = (sent_at is not null)),
    unique (organization_id, id)
);
create index assignment_org_idx on assignment (organization_id, status, due_on);
create index assignment_created_by_idx on assignment (created_by);
create index assignment_sent_by_idx on assignment (sent_by) where sent_by is not null;

-- The questions in order (position 0..9); fixed once the task is sent.
create table assignment_question (
    id              uuid primary key,
    organization_id uuid not null,
    assignment_id   uuid not null,
    position        int not null check (position between 0 and 9),
    text_fi         text not null check (char_length(text_fi) between 1 and 1000),
    text_sv         text not null check (char_length(text_sv) between 1 and 1000),
    text_en         text check (char_length(text_en) between 1 and 1000),
    foreign key (organization_id, assignment_id) references assignment (organization_id, id) on delete cascade,
    unique (assignment_id, position)
);
create index assignment_question_org_idx on assignment_question (organization_id, assignment_id);

-- The units a task is sent to.
create table assignment_unit (
    organization_id uuid not null,
    assignment_id   uuid not null,
    unit_id         uuid not null,
    primary key (assignment_id, unit_id),
    foreign key (organization_id, assignment_id) references assignment (organization_id, id) on delete cascade,
    foreign key (organization_id, unit_id) references unit (organization_id, id)
);
-- a unit's tasks (its list and the navigation's count)
create index assignment_unit_org_unit_idx on assignment_unit (organization_id, unit_id);
create index assignment_unit_org_assignment_idx on assignment_unit (organization_id, assignment_id);
-- the key an answer's unit refers to
create unique index assignment_unit_org_key on assignment_unit (organization_id, assignment_id, unit_id);

-- Who changed a task, when and what: CREATED, EDITED (the fields named), SENT. After sending only the title, the
-- instructions and the due date change, and each change is kept here with the due date before it.
create table assignment_change (
    id              uuid primary key,
    organization_id uuid not null,
    assignment_id   uuid not null,
    changed_by      uuid not null references staff_user (id),
    changed_at      timestamptz not null,
    action          text not null check (action in ('CREATED', 'EDITED', 'SENT')),
    fields          text[] not null default '{}'
                    check (fields <@ array['kind', 'title', 'instructions', 'questions', 'units', 'opens', 'due', 'event']::text[]),
    due_before      date,
    foreign key (organization_id, assignment_id) references assignment (organization_id, id) on delete cascade
);
create index assignment_change_org_idx on assignment_change (organization_id, assignment_id, changed_at);
create index assignment_change_by_idx on assignment_change (changed_by);

-- A unit's answer to a task, one per task and unit, written together: one text per question (by position), the last
-- editor, and the version that optimistic locking compares (two colleagues never overwrite each other silently).
-- DRAFT until the unit manager (or an administrator) submits it; reopened to DRAFT until the due date.
create table assignment_answer (
    id              uuid primary key,
    organization_id uuid not null,
    assignment_id   uuid not null,
    unit_id         uuid not null,
    texts           text[] not null default '{}' check (cardinality(texts) <= 10),
    status          text not null default 'DRAFT' check (status in ('DRAFT', 'SUBMITTED')),
    version         int not null default 1 check (version >= 1),
    updated_by      uuid not null references staff_user (id),
    updated_at      timestamptz not null,
    submitted_by    uuid references staff_user (id),
    submitted_at    timestamptz,
    check ((status = 'SUBMITTED') = (submitted_at is not null)),
    unique (assignment_id, unit_id),
    foreign key (organization_id, assignment_id, unit_id)
        references assignment_unit (organization_id, assignment_id, unit_id) on delete cascade
);
create index assignment_answer_org_idx on assignment_answer (organization_id, assignment_id, unit_id);
create index assignment_answer_updated_by_idx on assignment_answer (updated_by);
create index assignment_answer_submitted_by_idx on assignment_answer (submitted_by) where submitted_by is not null;
