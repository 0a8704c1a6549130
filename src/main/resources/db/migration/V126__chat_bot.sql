-- The chat starts with the bot when the organization has it on: the bot's lines are in the session's stream (kind
-- BOT, with the sources it quotes as JSON in links); bot_active is true until the hand-over to a person. page_url is
-- the page the resident opened the chat on.
alter table chat_message drop constraint chat_message_kind_check;
alter table chat_message add constraint chat_message_kind_check check (kind in ('RESIDENT', 'AGENT', 'SYSTEM', 'BOT'));
alter table chat_message add column links text;
alter table chat_session add column bot_active boolean not null default false;
alter table chat_session add column page_url text;
