-- Synonyms between residents' words and official terms, per organization and language, edited by admins
-- (search.SynonymStore). An equivalence when targets is null ("päiväkoti, päivähoito": each finds the others),
-- else a one-way rule ("eskari => esiopetus": terms find targets). Terms are comma-separated.
create table search_synonym (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    language        text not null check (language in ('fi', 'sv', 'en')),
    terms           text not null,
    targets         text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index search_synonym_organization_idx on search_synonym (organization_id, language);

-- An organization's list is seeded once from the synonyms shipped with Aspa (synonyms_<lang>.txt); after that
-- it is the admins' own, even when they delete every line.
create table search_synonym_seeded (
    organization_id uuid primary key references organization (id),
    seeded_at       timestamptz not null
);
