-- Who may read an article (PUBLIC or INTERNAL) now belongs to each version, like its texts. Until now it was a
-- column of the article that every save overwrote while the published version stayed live, so an agent's save
-- made a published INTERNAL article public (or hid a public one) at once, without a reviewer. Now a save only
-- proposes a visibility with its new version, and readers see the visibility of the published version: it changes
-- when a reviewer publishes.
--
-- Earlier versions' visibility was never recorded, so every existing version takes the article's current
-- visibility: a published article keeps the visibility it is read with today.

alter table knowledge_version add column visibility text;

update knowledge_version v set visibility = a.visibility
from knowledge_article a
where a.id = v.article_id;

alter table knowledge_version alter column visibility set not null;
alter table knowledge_version add constraint knowledge_version_visibility_check check (visibility in ('PUBLIC', 'INTERNAL'));

-- the article's own column would only be a second, misleading answer to "who may read it"
alter table knowledge_article drop column visibility;
