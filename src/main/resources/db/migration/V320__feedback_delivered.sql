-- Whether a survey invitation reached the resident: only a channel that delivers the link counts in the response
-- rate. WEB_FORM cases have the tracking page, which links to the survey; EMAIL cases get the survey mail. Phone,
-- walk-in, chat, chatbot, appointment, Open311 and API cases (the API returns no tracking link) have no way to it.
alter table feedback_invitation add column delivered boolean not null default false;
update feedback_invitation set delivered = channel in ('WEB_FORM', 'EMAIL');
alter table feedback_invitation alter column delivered drop default;
