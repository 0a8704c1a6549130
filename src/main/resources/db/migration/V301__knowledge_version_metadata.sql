-- Which catalogue services and life events an article belongs to now belongs to each version, like its texts and
-- who may read it (V297). Until now they were columns of the article that every save overwrote while the published
-- version stayed live, so an agent's save moved a published article to other services at once, without a reviewer:
-- the residents' help by service and by life event, the article page's related services, the public search (its
-- keywords are the linked services' names and keywords, its filters the links) and the chatbot followed. Now a save
-- only proposes links with its new version, and readers see the links of the published version: they change when a
-- reviewer publishes.
--
-- Earlier versions' links were never recorded, so every existing version takes the article's current links: a
-- published article keeps the links it is shown with today. (An article edited since its publication, where
-- current_version > published_version, may thus keep links an agent set without review; they were already live
-- before this migration, and the reviewer sees any further change.)
--
-- What stays on the article: the workflow (status, current and published version), the owner and the review date
-- (who is responsible for the article and when it counts as stale; shown to staff only, never to residents, the search
-- index or the chatbot), the case it was made from, and when the row was created and last changed.

alter table knowledge_version add column service_ids uuid[];
alter table knowledge_version add column life_events text[];

update knowledge_version v set service_ids = a.service_ids, life_events = a.life_events
from knowledge_article a
where a.id = v.article_id and a.organization_id = v.organization_id;

alter table knowledge_version alter column service_ids set not null;
alter table knowledge_version alter column life_events set not null;

-- the article's own columns would only be a second, misleading answer to "where is it shown"
alter table knowledge_article drop column service_ids;
alter table knowledge_article drop column life_events;
