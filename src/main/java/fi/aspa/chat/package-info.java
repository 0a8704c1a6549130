/**
 * Live chat, where every conversation is a case. A resident opens the widget ({@code /chat/widget.js}, one
 * script tag on any municipal page) and writes; the first line opens a case with {@code Channel.CHAT} (the
 * customer resolved from what the resident gave), every later line is a message of that case, and every agent
 * reply goes through {@code Cases.reply}, so the conversation is whole in the workspace and on the customer's
 * timeline.
 *
 * <p>Reliability: a line is stored (case message + this module's per-session stream with a sequence number)
 * before it is acknowledged; the client's own id is the idempotency key, so a resend is never a second line;
 * a reconnect names the last sequence number seen and gets exactly what it missed. Transport: plain WebSocket
 * with a small JSON protocol ({@code /chat/socket}, {@code /workspace/chat/socket}), and the same semantics
 * over plain HTTP (POST + long polling) for networks that block WebSocket. Nodes tell each other about new
 * lines through {@code ChatFanout} (PostgreSQL LISTEN/NOTIFY; ids only, the receiver reads the
 * database).
 *
 * <p>Agents work in the chat console ({@code /workspace/chat}): availability, the queue, several chats at once
 * up to a per-agent limit, transfer to another agent or unit, close; the customer's data (logged view) and
 * timeline beside the conversation. Following a chat over the agent socket is a logged view by the same rule
 * (see {@code AgentSocket}). Outside the opening hours, or with nobody available, the widget becomes a
 * contact form whose message becomes a case of the same model, so nothing is lost.
 *
 * <p>Embedding: {@code <script src="https://aspa.example/chat/widget.js" data-organization="esimerkkila"
 * data-lang="fi" defer></script>}; a link on the page marked {@code data-aspa-chat} (to the contact form, for
 * people without JavaScript) becomes the chat button. A host page with a content security policy allows the Aspa
 * origin in {@code script-src}, {@code style-src} and {@code connect-src} (https and wss); the widget itself has no
 * inline script or style. The resident's side ({@code /chat/**}) is public, without cookies, and open to the
 * origins in {@code aspa.chat.allowed-origins}. {@code /chat/demo} is a test host page.
 *
 * <p>Why a small JSON protocol on plain WebSocket rather than STOMP: the widget must stay a small dependency-free
 * script, acknowledgements and resume by sequence number are ours to define anyway, and the same frames travel
 * over the HTTP fallback unchanged. SockJS was not used: it needs its client library in the page, and POST + long
 * polling gives the same reach with nothing extra.
 *
 * <p>Allowances of the public side ({@code ChatRateLimits}, {@code aspa.chat.rate-limit.*}): chats started per client
 * address, messages left per address (the contact form's), lines per chat, typing and read signals per chat (HTTP and
 * socket together), the chatbot's answers per address. Over one,
 * HTTP answers 429 problem+json with {@code Retry-After} (also {@code retryAfter} in the body) and the socket an
 * {@code error} frame with {@code retryAfter}; the detail is the widget's own text in the chat's language, and nothing
 * is stored. A WebSocket frame flood is refused per connection besides ({@code rate-limited} without a client id).
 *
 * <p>Opening hours are weekly hours per organization ({@code chat_opening_hours}, else
 * {@code aspa.chat.default-hours}); Finnish public holidays are not known yet.
 *
 * <p>The chatbot: when the organization has it on ({@code fi.aspa.assistant.Chatbot#enabled}), a conversation starts with
 * the bot ({@code chat_session.bot_active}, no case yet). The resident's lines and the bot's replies (kind BOT, with
 * the sources it quotes as {@code links}) go into the stream; the welcome frame says {@code bot: true}. When the bot
 * hands over, the case is opened with what the resident wrote and the bot transcript as an internal note, and the
 * chat joins the queue (system event {@code handover}); with nobody to take it, the event is {@code handover-offline}
 * (body: closed or nobody) and the widget becomes the contact form.
 *
 * <p>The help pages' assistant box ({@code fi.aspa.knowledge}) hands its conversation over through {@link fi.aspa.chat.ChatHandover}:
 * a session started already handed over (the lines in the stream, the case with the transcript note, in the queue), whose
 * resume token the widget takes from its {@code data-resume} attribute.
 *
 * <p>Uses only the APIs of {@code assistant} (the bot), {@code cases}, {@code customer}, {@code identity}, {@code organization} and
 * {@code platform}; only {@code knowledge} uses this module, through {@link fi.aspa.chat.ChatHandover}.
 */
package fi.aspa.chat;
