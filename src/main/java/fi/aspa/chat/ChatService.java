package fi.aspa.chat;

import fi.aspa.assistant.BotReply;
import fi.aspa.assistant.Chatbot;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Ids;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.Tokens;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The chat's commands and queries. Every command that changes a conversation runs in one transaction with the
 * case module's commands, locks the session row first (so lines of one conversation get consecutive sequence
 * numbers, and a resent client id finds the line it already made), and publishes a {@link ChatSignal} that
 * goes out only on commit. A caller acknowledges a line only after the method returned, i.e. after commit.
 */
@Service
@Transactional
class ChatService implements ChatHandover {
    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final String TAG_CHAT = "chat";
    static final String TAG_LEFT_MESSAGE = "left-message";
    static final String TAG_BOT = "chatbot";

    private final ChatStore store;
    private final Cases cases;
    private final Customers customers;
    private final Staff staff;
    private final Organizations organizations;
    private final ChatFanout fanout;
    private final ChatSettings settings;
    private final MessageSource messages;
    private final Clock clock;
    private final Chatbot chatbot;
    private final ChatRateLimits limits;

    ChatService(ChatStore store, Cases cases, Customers customers, Staff staff, Organizations organizations, ChatFanout fanout,
                ChatSettings settings, MessageSource messages, Clock clock, Chatbot chatbot, ChatRateLimits limits) {
        this.chatbot = chatbot;
        this.limits = limits;
        this.store = store;
        this.cases = cases;
        this.customers = customers;
        this.staff = staff;
        this.organizations = organizations;
        this.fanout = fanout;
        this.settings = settings;
        this.messages = messages;
        this.clock = clock;
    }

    record Started(UUID sessionId, String token) {}

    /** A line stored: the stream entry's id and sequence number, and whether it had been stored before. */
    record Ack(String clientId, UUID id, long seq, boolean duplicate, String reference) {}

    record LeftMessage(String reference, boolean duplicate) {}

    enum Open { OPEN, CLOSED, NOBODY }

    record Availability(Open state, OpeningHours hours, int agents) {
        boolean open() {
            return state == Open.OPEN;
        }
    }

    /** Where each waiting chat is in its queue (1 = next), and the recent average wait (null: unknown). */
    record QueueStatus(Map<UUID, Integer> positions, Integer averageWaitMinutes, Availability availability) {}

    // ---------------------------------------------------------------- resident

    @Transactional(readOnly = true)
    public OrganizationId organization(String slug) {
        if (slug == null || slug.length() > 100) throw AspaException.notFound("Organization");
        return organizations.findBySlug(slug.strip()).map(o -> o.id()).orElseThrow(() -> AspaException.notFound("Organization"));
    }

    /** Starts a conversation when someone can answer; otherwise {@code unavailable}, and the widget offers the form. */
    public Started start(OrganizationId org, Language language, String name, String email) {
        return start(org, language, name, email, null);
    }

    /**
     * Starts a conversation; with the organization's chatbot on, the resident's lines go to the bot until it (or the
     * resident) hands the conversation over. {@code pageUrl}: the page the widget is on (context for the bot).
     */
    public Started start(OrganizationId org, Language language, String name, String email, String pageUrl) {
        Availability availability = availability(org);
        if (!availability.open()) {
            throw new AspaException(HttpStatus.CONFLICT, "chat-unavailable", "Nobody can take a chat now; leave a message");
        }
        String cleanName = optionalText("name", name, 200);
        String cleanEmail = email(email);
        String token = Tokens.random();
        UUID id = Ids.next();
        store.insertSession(id, org, Tokens.sha256(token), ChatSession.State.NEW, language, cleanName, cleanEmail, clock.instant());
        String page = pageUrl(pageUrl);
        if (chatbot.enabled(org)) store.startedWithBot(id, page);
        else if (page != null) store.pageUrl(id, page);
        return new Started(id, token);
    }

    @Transactional(readOnly = true)
    public Optional<ChatSession> byToken(String token) {
        if (token == null || token.length() < 40 || token.length() > 100 || token.indexOf(':') >= 0) return Optional.empty();
        return store.byTokenHash(Tokens.sha256(token));
    }

    /**
     * A resident's line: the first one opens the case (and puts the chat in the queue), the rest are added to it. A new
     * line counts against the chat's allowance of lines, and a line for the chatbot also against the client address's
     * allowance of the bot's answers ({@link ChatRateLimits}: 429 before anything is stored); a resent line (a client id
     * already stored) is answered with its ack and not counted.
     */
    public Ack residentSend(ChatSession s, String clientId, String body, String clientAddress) {
        String key = "r:" + clientId(clientId);
        ChatSession session = store.lock(s.organizationId(), s.id()).orElseThrow(() -> AspaException.notFound("Chat"));
        Optional<StreamEntry> existing = store.byClientId(session.organizationId(), session.id(), key);
        if (existing.isPresent()) return new Ack(clientId, existing.get().id(), existing.get().seq(), true, session.caseReference());
        if (!session.state().open()) throw AspaException.conflict("chat-closed", "The chat has ended");
        String text = text(body);
        limits.line(session.id(), session.language());
        if (session.botActive() && session.caseId() == null) {
            limits.botLine(clientAddress, session.language());
            return botTurn(session, clientId, key, text);
        }
        OrganizationId org = session.organizationId();
        Instant now = clock.instant();
        UUID caseMessageId;
        String reference = session.caseReference();
        boolean queued = false;
        if (session.caseId() == null) {
            UUID customer = customers.resolve(org, ContactDetails.resident(session.residentName(), session.residentEmail(), null,
                    session.language()));
            OpenedCase opened = cases.open(org, new NewCase(Channel.CHAT, customer, subject("chat.case.subject", text, session.language()),
                    text, session.language(), null, session.unitId(), null, Set.of(TAG_CHAT), List.of(), Actor.customer()));
            caseMessageId = firstMessageId(org, opened.id());
            store.caseOpened(session.id(), opened.id(), opened.reference(), customer, now);
            reference = opened.reference();
            queued = true;
        } else {
            caseMessageId = cases.addCustomerMessage(org, session.caseId(), text, Channel.CHAT, List.of());
        }
        StreamEntry entry = store.append(org, session, StreamEntry.Kind.RESIDENT, key, null, caseMessageId, text, null, now);
        fanout.publish(ChatSignal.message(org.value(), session.id(), entry.seq()));
        if (queued) fanout.publish(ChatSignal.queue(org.value()));
        return new Ack(clientId, entry.id(), entry.seq(), false, reference);
    }

    /**
     * A line while the conversation is with the bot: the line and the bot's reply go into the stream (no case yet); a
     * hand-over (the bot was not sure, or the resident asked for a person) opens the case and queues it, with the
     * transcript as an internal note, or, when nobody can take it now, tells the widget to offer the contact form.
     */
    private Ack botTurn(ChatSession session, String clientId, String key, String text) {
        OrganizationId org = session.organizationId();
        Instant now = clock.instant();
        StreamEntry line = store.append(org, session, StreamEntry.Kind.RESIDENT, key, null, null, text, null, now);
        fanout.publish(ChatSignal.message(org.value(), session.id(), line.seq()));
        BotReply reply = chatbot.reply(org, session.language(), text, session.pageUrl());
        List<StreamEntry.Link> links = new java.util.ArrayList<>();
        for (int i = 0; i < reply.sources().size(); i++) {
            // a language model's phrasing cites its sources as [1], [2]: the links say which is which
            String title = reply.sources().get(i).title();
            links.add(new StreamEntry.Link(reply.generated() ? "[" + (i + 1) + "] " + title : title, reply.sources().get(i).url()));
        }
        String body = reply.generated()
                ? reply.text() + "\n\n" + messages.getMessage("llm.generated", null, session.language().locale())
                : reply.text();
        StreamEntry said = store.appendBot(org, session, body, links, now);
        fanout.publish(ChatSignal.message(org.value(), session.id(), said.seq()));
        String reference = reply.handover() ? handOver(session, now) : null;
        return new Ack(clientId, line.id(), line.seq(), false, reference);
    }

    private String handOver(ChatSession session, Instant now) {
        OrganizationId org = session.organizationId();
        store.botDone(session.id(), now);
        Availability availability = availability(org);
        if (!availability.open()) {
            StreamEntry entry = store.append(org, session, StreamEntry.Kind.SYSTEM, null, null, null,
                    availability.state().name().toLowerCase(java.util.Locale.ROOT), "handover-offline", now);
            fanout.publish(ChatSignal.message(org.value(), session.id(), entry.seq()));
            return null;
        }
        List<StreamEntry> transcript = store.after(org, session.id(), 0, 1000);
        String asked = String.join("\n", transcript.stream().filter(e -> e.kind() == StreamEntry.Kind.RESIDENT).map(StreamEntry::body).toList());
        if (asked.length() > settings.maxMessageChars()) asked = asked.substring(asked.length() - settings.maxMessageChars());
        UUID customer = customers.resolve(org, ContactDetails.resident(session.residentName(), session.residentEmail(), null,
                session.language()));
        OpenedCase opened = cases.open(org, new NewCase(Channel.CHAT, customer, subject("chat.case.subject", asked, session.language()),
                asked, session.language(), null, session.unitId(), null, Set.of(TAG_CHAT, TAG_BOT), List.of(), Actor.customer()));
        cases.addNote(org, opened.id(), Actor.system(), transcript(transcript, session));
        store.caseOpened(session.id(), opened.id(), opened.reference(), customer, now);
        StreamEntry entry = store.append(org, session, StreamEntry.Kind.SYSTEM, null, null, null, null, "handover", now);
        fanout.publish(ChatSignal.message(org.value(), session.id(), entry.seq()));
        fanout.publish(ChatSignal.queue(org.value()));
        return opened.reference();
    }

    /** The bot conversation as the case's internal note: who said what, with the bot's sources. */
    private String transcript(List<StreamEntry> entries, ChatSession session) {
        java.util.Locale locale = session.language().locale();
        StringBuilder out = new StringBuilder(messages.getMessage("chat.bot.transcript", null, locale));
        if (session.pageUrl() != null) out.append('\n').append(messages.getMessage("chat.bot.transcript.page", new Object[] {session.pageUrl()}, locale));
        String resident = messages.getMessage("chat.bot.transcript.resident", null, locale);
        String bot = messages.getMessage("chat.bot", null, locale);
        for (StreamEntry e : entries) {
            if (e.kind() != StreamEntry.Kind.RESIDENT && e.kind() != StreamEntry.Kind.BOT) continue;
            out.append("\n\n").append(e.kind() == StreamEntry.Kind.BOT ? bot : resident).append(": ").append(e.body());
            for (StreamEntry.Link l : e.links()) out.append("\n  → ").append(l.title()).append(" (").append(l.url()).append(')');
        }
        String text = out.toString();
        return text.length() > 20_000 ? text.substring(0, 20_000) : text;
    }

    private static String pageUrl(String pageUrl) {
        if (pageUrl == null || pageUrl.isBlank()) return null;
        String page = pageUrl.strip();
        if (page.length() > 2000 || page.chars().anyMatch(c -> c < 0x20)) return null;
        return page;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean open(OrganizationId org) {
        return availability(org).open();
    }

    /** {@link ChatHandover}: the help pages' bot conversation, into the queue with its transcript. */
    @Override
    public String handOver(OrganizationId org, Language language, List<ChatHandover.Turn> turns, String pageUrl) {
        if (turns == null || turns.stream().noneMatch(t -> !t.bot() && !t.text().isBlank())) {
            throw AspaException.invalid("required", "The conversation has no question", "body");
        }
        Started started = start(org, language, null, null, pageUrl);
        ChatSession session = store.lock(org, started.sessionId()).orElseThrow();
        Instant now = clock.instant();
        for (ChatHandover.Turn turn : turns) {
            String body = turn.text().strip();
            if (body.isEmpty()) continue;
            if (body.length() > settings.maxMessageChars()) body = body.substring(0, settings.maxMessageChars());
            if (turn.bot()) {
                store.appendBot(org, session, body, turn.sources().stream().map(s -> new StreamEntry.Link(s.title(), s.url())).toList(), now);
            } else {
                store.append(org, session, StreamEntry.Kind.RESIDENT, null, null, null, body, null, now);
            }
        }
        handOver(store.lock(org, started.sessionId()).orElseThrow(), now);
        return started.token();
    }

    /** The resident ends the conversation; a case already opened stays in the normal queues. */
    public void residentEnd(ChatSession s) {
        ChatSession session = store.lock(s.organizationId(), s.id()).orElseThrow(() -> AspaException.notFound("Chat"));
        if (!session.state().open()) return;
        Instant now = clock.instant();
        store.ended(session.id(), ChatSession.State.CLOSED, now);
        StreamEntry entry = store.append(session.organizationId(), session, StreamEntry.Kind.SYSTEM, null, null, null, null,
                "resident-left", now);
        fanout.publish(ChatSignal.message(session.organizationId().value(), session.id(), entry.seq()));
        fanout.publish(ChatSignal.queue(session.organizationId().value()));
    }

    /**
     * Nobody took the chat (the hours ended, every agent left): the resident leaves it as a message. The case stays
     * NEW in the normal queues, tagged {@value #TAG_LEFT_MESSAGE}; the lines already written are in it.
     */
    public void residentLeaveAsMessage(ChatSession s) {
        ChatSession session = store.lock(s.organizationId(), s.id()).orElseThrow(() -> AspaException.notFound("Chat"));
        if (session.state() != ChatSession.State.WAITING) {
            throw AspaException.conflict("chat-not-waiting", "Only a chat still waiting in the queue can be left as a message");
        }
        OrganizationId org = session.organizationId();
        CaseSummary summary = cases.summary(org, session.caseId()).orElseThrow(() -> AspaException.notFound("Case"));
        java.util.Set<String> tags = new java.util.TreeSet<>(summary.tags());
        tags.add(TAG_LEFT_MESSAGE);
        cases.setTags(org, session.caseId(), Actor.system(), tags);
        Instant now = clock.instant();
        store.ended(session.id(), ChatSession.State.LEFT_MESSAGE, now);
        StreamEntry entry = store.append(org, session, StreamEntry.Kind.SYSTEM, null, null, null, null, "left-message", now);
        fanout.publish(ChatSignal.message(org.value(), session.id(), entry.seq()));
        fanout.publish(ChatSignal.queue(org.value()));
    }

    /**
     * The contact form the widget becomes outside opening hours or with nobody available: a case with channel CHAT,
     * status NEW, tagged {@value #TAG_LEFT_MESSAGE}. The client id makes a resubmission return the same case (not
     * counted); a new message counts against the address's contact-form allowance ({@link ChatRateLimits}).
     */
    public LeftMessage leaveMessage(OrganizationId org, Language language, String clientId, String name, String email,
                                    String phone, String body, String clientAddress) {
        String id = clientId(clientId);
        String key = Tokens.sha256("left-message:" + org.value() + ":" + id);
        Optional<ChatSession> before = store.byTokenHash(key);
        if (before.isPresent()) return new LeftMessage(before.get().caseReference(), true);
        limits.leftMessage(clientAddress, language);
        String cleanName = optionalText("name", name, 200);
        String cleanEmail = email(email);
        String cleanPhone = optionalText("phone", phone, 40);
        if (cleanPhone != null && !cleanPhone.matches("[+0-9 ()-]{5,40}")) {
            throw AspaException.invalid("invalid-phone", "The phone number is not valid", "phone");
        }
        String text = text(body);
        Instant now = clock.instant();
        UUID sessionId = Ids.next();
        store.insertSession(sessionId, org, key, ChatSession.State.NEW, language, cleanName, cleanEmail, now);
        UUID customer = customers.resolve(org, ContactDetails.resident(cleanName, cleanEmail, cleanPhone, language));
        OpenedCase opened = cases.open(org, new NewCase(Channel.CHAT, customer, subject("chat.case.subject-left", text, language),
                text, language, null, null, null, Set.of(TAG_CHAT, TAG_LEFT_MESSAGE), List.of(), Actor.customer()));
        store.leftMessage(sessionId, opened.id(), opened.reference(), customer, now);
        ChatSession session = store.session(org, sessionId).orElseThrow();
        store.append(org, session, StreamEntry.Kind.RESIDENT, "r:" + id, null, firstMessageId(org, opened.id()), text, null, now);
        return new LeftMessage(opened.reference(), false);
    }

    // ---------------------------------------------------------------- agents

    public Ack agentSend(OrganizationId org, UUID staffId, UUID sessionId, String clientId, String body) {
        String key = "a:" + clientId(clientId);
        ChatSession session = store.lock(org, sessionId).orElseThrow(() -> AspaException.notFound("Chat"));
        Optional<StreamEntry> existing = store.byClientId(session.organizationId(), session.id(), key);
        if (existing.isPresent()) return new Ack(clientId, existing.get().id(), existing.get().seq(), true, null);
        requireMine(session, staffId);
        String text = text(body);
        UUID caseMessageId = cases.reply(org, session.caseId(), Actor.staff(staffId), text, null);
        StreamEntry entry = store.append(org, session, StreamEntry.Kind.AGENT, key, staffId, caseMessageId, text, null, clock.instant());
        fanout.publish(ChatSignal.message(org.value(), session.id(), entry.seq()));
        return new Ack(clientId, entry.id(), entry.seq(), false, null);
    }

    /** A reply to the chat's case written outside the console: into the chat, once. */
    public void replyFromCase(OrganizationId org, UUID caseId, UUID caseMessageId) {
        if (store.hasCaseMessage(org, caseMessageId)) return;
        Optional<ChatSession> open = store.openByCase(org, caseId);
        if (open.isEmpty()) return;
        ChatSession session = store.lock(org, open.get().id()).orElseThrow();
        if (!session.state().open() || store.hasCaseMessage(org, caseMessageId)) return;
        cases.detail(org, caseId).flatMap(d -> d.messages().stream().filter(m -> m.id().equals(caseMessageId)).findFirst())
                .ifPresent(m -> {
                    StreamEntry entry = store.append(org, session, StreamEntry.Kind.AGENT, null, m.authorStaffId(), m.id(),
                            m.body(), null, clock.instant());
                    fanout.publish(ChatSignal.message(org.value(), session.id(), entry.seq()));
                });
    }

    /** Takes a waiting chat, within the agent's limit: the case is assigned to the agent and opened. */
    public void take(OrganizationId org, UUID staffId, UUID sessionId) {
        Instant now = clock.instant();
        ChatStore.AgentRow agent = store.lockAgent(org, staffId, now);
        int limit = agent.maxChats() != null ? agent.maxChats() : settings.maxConcurrentPerAgent();
        if (store.countActive(org, staffId) >= limit) {
            throw AspaException.conflict("chat-limit", "You already have " + limit + " chats", limit);
        }
        ChatSession session = store.lock(org, sessionId).orElseThrow(() -> AspaException.notFound("Chat"));
        if (session.state() != ChatSession.State.WAITING) throw AspaException.conflict("chat-taken", "Someone else took the chat");
        Actor actor = Actor.staff(staffId);
        cases.assign(org, session.caseId(), actor, staffId);
        CaseSummary summary = cases.summary(org, session.caseId()).orElseThrow(() -> AspaException.notFound("Case"));
        if (summary.status() != CaseStatus.OPEN && fi.aspa.cases.Lifecycle.allows(summary.status(), CaseStatus.OPEN)) {
            cases.changeStatus(org, session.caseId(), actor, CaseStatus.OPEN);
        }
        store.accepted(session.id(), staffId, now);
        store.setAvailable(org, staffId, agent.available(), now);
        StreamEntry entry = store.append(org, session, StreamEntry.Kind.SYSTEM, null, staffId, null, firstName(org, staffId),
                "joined", now);
        fanout.publish(ChatSignal.message(org.value(), session.id(), entry.seq()));
        fanout.publish(ChatSignal.queue(org.value()));
    }

    /** Hands the chat to another agent, who must have room for it; the case is assigned to them. */
    public void transferToAgent(OrganizationId org, UUID staffId, UUID sessionId, UUID toStaffId) {
        Instant now = clock.instant();
        if (toStaffId == null || toStaffId.equals(staffId)) throw AspaException.invalid("transfer-agent", "Choose another agent");
        StaffUser target = staff.find(org, toStaffId).orElseThrow(() -> AspaException.invalid("transfer-agent", "No such agent"));
        ChatStore.AgentRow agent = store.lockAgent(org, target.id(), now);
        int limit = agent.maxChats() != null ? agent.maxChats() : settings.maxConcurrentPerAgent();
        if (store.countActive(org, target.id()) >= limit) {
            throw AspaException.conflict("chat-limit-other", "The agent already has " + limit + " chats", limit);
        }
        ChatSession session = store.lock(org, sessionId).orElseThrow(() -> AspaException.notFound("Chat"));
        requireMine(session, staffId);
        cases.assign(org, session.caseId(), Actor.staff(staffId), target.id());
        store.reassigned(session.id(), target.id(), now);
        StreamEntry entry = store.append(org, session, StreamEntry.Kind.SYSTEM, null, target.id(), null, firstName(org, target.id()),
                "transferred-agent", now);
        fanout.publish(ChatSignal.message(org.value(), session.id(), entry.seq()));
        fanout.publish(ChatSignal.queue(org.value()));
    }

    /** Sends the chat to another unit's queue; the case moves there (unassigned) with the note. */
    public void transferToUnit(OrganizationId org, UUID staffId, UUID sessionId, UUID unitId, String note) {
        ChatSession session = store.lock(org, sessionId).orElseThrow(() -> AspaException.notFound("Chat"));
        requireMine(session, staffId);
        if (unitId == null) throw AspaException.invalid("transfer-unit", "Choose a unit");
        cases.transfer(org, session.caseId(), Actor.staff(staffId), unitId, note);
        Instant now = clock.instant();
        store.requeued(session.id(), unitId, now);
        StreamEntry entry = store.append(org, session, StreamEntry.Kind.SYSTEM, null, staffId, null, null, "transferred-unit", now);
        fanout.publish(ChatSignal.message(org.value(), session.id(), entry.seq()));
        fanout.publish(ChatSignal.queue(org.value()));
    }

    /** Ends the chat; the case becomes RESOLVED (done) or WAITING (more to do after the chat). */
    public void close(OrganizationId org, UUID staffId, UUID sessionId, CaseStatus outcome) {
        if (outcome != CaseStatus.RESOLVED && outcome != CaseStatus.WAITING) {
            throw AspaException.invalid("chat-outcome", "A chat closes as resolved or waiting");
        }
        ChatSession session = store.lock(org, sessionId).orElseThrow(() -> AspaException.notFound("Chat"));
        requireMine(session, staffId);
        CaseSummary summary = cases.summary(org, session.caseId()).orElseThrow(() -> AspaException.notFound("Case"));
        if (summary.status() != outcome) cases.changeStatus(org, session.caseId(), Actor.staff(staffId), outcome);
        Instant now = clock.instant();
        store.ended(session.id(), ChatSession.State.CLOSED, now);
        StreamEntry entry = store.append(org, session, StreamEntry.Kind.SYSTEM, null, staffId, null, null, "closed", now);
        fanout.publish(ChatSignal.message(org.value(), session.id(), entry.seq()));
        fanout.publish(ChatSignal.queue(org.value()));
    }

    public void setAvailable(OrganizationId org, UUID staffId, boolean available) {
        Instant now = clock.instant();
        store.lockAgent(org, staffId, now);
        store.setAvailable(org, staffId, available, now);
        fanout.publish(ChatSignal.queue(org.value()));
    }

    /** An agent's own limit (null: the default {@code aspa.chat.max-concurrent-per-agent}). */
    public void setMaxChats(OrganizationId org, UUID staffId, Integer max) {
        Instant now = clock.instant();
        store.lockAgent(org, staffId, now);
        store.setMaxChats(org, staffId, max, now);
    }

    /** The console is open: the agents count as present. */
    public void seen(OrganizationId org, UUID staffId) {
        Instant now = clock.instant();
        store.lockAgent(org, staffId, now);
        store.seen(org, List.of(staffId), now);
    }

    public void seen(OrganizationId org, java.util.Collection<UUID> staffIds) {
        store.seen(org, staffIds, clock.instant());
    }

    public void setHours(OrganizationId org, OpeningHours hours) {
        store.replaceHours(org, hours);
        fanout.publish(ChatSignal.queue(org.value()));
    }

    // ---------------------------------------------------------------- queries

    @Transactional(readOnly = true)
    public Availability availability(OrganizationId org) {
        return availability(org, clock.instant());
    }

    /** Whether the chat serves at {@code now}: closed outside the opening hours and on public holidays. */
    @Transactional(readOnly = true)
    Availability availability(OrganizationId org, Instant now) {
        OpeningHours hours = store.hours(org).orElseGet(() -> OpeningHours.parse(settings.defaultHours()));
        if (!hours.isOpen(now)) return new Availability(Open.CLOSED, hours, 0);
        int agents = store.presentAgents(org, now.minus(settings.presenceTimeout())).size();
        return new Availability(agents > 0 ? Open.OPEN : Open.NOBODY, hours, agents);
    }

    @Transactional(readOnly = true)
    public QueueStatus queue(OrganizationId org) {
        Map<UUID, Integer> positions = new HashMap<>();
        Map<UUID, Integer> perUnit = new HashMap<>();
        UUID orgWide = new UUID(0, 0);
        for (ChatSession s : store.waiting(org)) {
            positions.put(s.id(), perUnit.merge(s.unitId() == null ? orgWide : s.unitId(), 1, Integer::sum));
        }
        Instant now = clock.instant();
        double[] wait = store.averageWait(org, now.minus(settings.waitWindow()));
        Integer minutes = wait[1] >= 3 ? (int) Math.max(1, Math.ceil(wait[0] / 60.0)) : null;
        return new QueueStatus(positions, minutes, availability(org));
    }

    @Transactional(readOnly = true)
    public List<StreamEntry> after(OrganizationId org, UUID sessionId, long seq, int limit) {
        return store.after(org, sessionId, seq, limit);
    }

    @Transactional(readOnly = true)
    public Optional<ChatSession> session(OrganizationId org, UUID sessionId) {
        return store.session(org, sessionId);
    }

    @Transactional(readOnly = true)
    public List<ChatSession> waiting(OrganizationId org) {
        return store.waiting(org);
    }

    @Transactional(readOnly = true)
    public List<ChatSession> activeOf(OrganizationId org, UUID staffId) {
        return store.activeOf(org, staffId);
    }

    @Transactional(readOnly = true)
    public Map<UUID, String> firstLines(OrganizationId org, java.util.Collection<UUID> sessionIds) {
        return store.firstLines(org, sessionIds);
    }

    @Transactional(readOnly = true)
    public ChatStore.AgentRow agent(OrganizationId org, UUID staffId) {
        return store.agent(org, staffId).orElse(new ChatStore.AgentRow(staffId, false, null, null));
    }

    @Transactional(readOnly = true)
    public int limitOf(OrganizationId org, UUID staffId) {
        Integer own = agent(org, staffId).maxChats();
        return own != null ? own : settings.maxConcurrentPerAgent();
    }

    @Transactional(readOnly = true)
    public List<ChatStore.PresentAgent> presentAgents(OrganizationId org) {
        return store.presentAgents(org, clock.instant().minus(settings.presenceTimeout()));
    }

    // ---------------------------------------------------------------- internals

    private static void requireMine(ChatSession session, UUID staffId) {
        if (session.state() != ChatSession.State.ACTIVE || !staffId.equals(session.agentId())) {
            throw AspaException.conflict("chat-not-yours", "This chat is not yours (any more)");
        }
    }

    private UUID firstMessageId(OrganizationId org, UUID caseId) {
        return cases.detail(org, caseId).orElseThrow().messages().getFirst().id();
    }

    private String firstName(OrganizationId org, UUID staffId) {
        return staff.find(org, staffId).map(u -> u.displayName().strip().split("\\s+")[0]).orElse(null);
    }

    private String subject(String key, String text, Language language) {
        String line = text.lines().findFirst().orElse("").strip();
        String excerpt = line.length() > 80 ? line.substring(0, 79) + "…" : line;
        return messages.getMessage(key, new Object[] {excerpt}, language.locale());
    }

    String text(String body) {
        if (body == null || body.isBlank()) throw AspaException.invalid("required", "The message is empty", "body");
        String text = body.strip();
        if (text.length() > settings.maxMessageChars()) {
            throw AspaException.invalid("too-long", "The message is longer than " + settings.maxMessageChars() + " characters",
                    "body", settings.maxMessageChars());
        }
        if (text.indexOf('\u0000') >= 0) throw AspaException.invalid("invalid-text", "The message has characters that are not allowed", "body");
        return text;
    }

    static String clientId(String clientId) {
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            throw AspaException.invalid("invalid-client-id", "clientId must be 1-64 letters, digits, - or _");
        }
        return clientId;
    }

    private static String optionalText(String field, String value, int max) {
        if (value == null || value.isBlank()) return null;
        String text = value.strip();
        if (text.length() > max) throw AspaException.invalid("too-long", field + " is too long", field, max);
        if (text.chars().anyMatch(c -> c < 0x20)) throw AspaException.invalid("invalid-text", field + " has characters that are not allowed", field);
        return text;
    }

    private static String email(String email) {
        String value = optionalText("email", email, 254);
        if (value != null && !value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw AspaException.invalid("invalid-email", "The email address is not valid", "email");
        }
        return value;
    }

}
