package fi.aspa.chat;

import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.TimelinePage;
import fi.aspa.customer.Customer;
import fi.aspa.customer.Customers;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FieldMessage;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agent's chat console, {@code /workspace/chat}: availability, the agent's chats (several at once, up to the
 * limit), the queue, and the chosen chat with the customer's data (a logged view) and timeline beside it. Every
 * action is a plain form post that redirects back, so the console works without JavaScript; the console script
 * adds the live socket (new lines, typing, read marks) and htmx refreshes the lists when the queue changes.
 */
@Controller
class ChatConsole {
    static final String PURPOSE = "chat-handling";
    static final int TIMELINE_LENGTH = 30;

    private final ChatService service;
    private final Cases cases;
    private final Customers customers;
    private final Staff staff;
    private final Organizations organizations;
    private final MessageSource messages;

    ChatConsole(ChatService service, Cases cases, Customers customers, Staff staff, Organizations organizations,
                MessageSource messages) {
        this.service = service;
        this.cases = cases;
        this.customers = customers;
        this.staff = staff;
        this.organizations = organizations;
        this.messages = messages;
    }

    record QueueItem(UUID id, String name, String language, String since, String sinceIso, String excerpt, String unit) {}

    record MyChat(UUID id, String name, String reference, long lastSeq, boolean current) {}

    record Line(long seq, String kind, String who, String body, String at, String atIso) {}

    record Conversation(UUID id, String reference, UUID caseId, String state, boolean mine, boolean waiting, long lastSeq,
                        String name, String languageCode, String languageName, List<Line> lines) {}

    /** {@code older}: the customer page's cursor for the messages older than these, null when these are all. */
    record CustomerView(UUID id, String name, List<String> contacts, String languageName, List<TimelineItem> timeline,
                        String older) {}

    record TimelineItem(UUID caseId, String reference, String subject, String channel, String kind, String kindCode,
                        String excerpt, String at, String atIso, boolean thisCase) {}

    record Option(String value, String label) {}

    // ---------------------------------------------------------------- pages

    @GetMapping("/workspace/chat")
    String console(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        return render(me, null, model, List.of(), Map.of());
    }

    @GetMapping("/workspace/chat/{id:[0-9a-fA-F-]{36}}")
    String chat(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id, Model model) {
        return render(me, chatId(id), model, List.of(), Map.of());
    }

    /** The lists (availability, my chats, queue): what htmx swaps in when the queue changed. */
    @GetMapping("/workspace/chat/panel")
    String panel(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String open, Model model,
                 HttpServletResponse response) {
        UUID current = open == null || open.isBlank() ? null : uuidOrNull(open);
        service.seen(me.organizationId(), me.id());
        lists(me, current, model);
        response.addHeader("Cache-Control", "no-store");
        return "chat/console :: panel";
    }

    // ---------------------------------------------------------------- actions

    @PostMapping("/workspace/chat/availability")
    String availability(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String available,
                        @RequestParam(required = false) String open, RedirectAttributes redirect) {
        boolean on = "true".equals(available);
        service.setAvailable(me.organizationId(), me.id(), on);
        redirect.addFlashAttribute("notice", on ? "chat.notice.available" : "chat.notice.away");
        UUID current = open == null ? null : uuidOrNull(open);
        return current == null ? "redirect:/workspace/chat" : "redirect:/workspace/chat/" + current;
    }

    @PostMapping("/workspace/chat/{id}/take")
    String take(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id, Model model, RedirectAttributes redirect,
                HttpServletResponse response) {
        UUID chatId = chatId(id);
        return act(me, chatId, "take-" + chatId, model, redirect, response, "chat.notice.taken", Map.of(),
                () -> service.take(me.organizationId(), me.id(), chatId));
    }

    @PostMapping("/workspace/chat/{id}/reply")
    String reply(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id, @RequestParam(required = false) String body,
                 @RequestParam(required = false) String clientId, Model model, RedirectAttributes redirect,
                 HttpServletResponse response) {
        UUID chatId = chatId(id);
        return act(me, chatId, "reply-body", model, redirect, response, null, Map.of("reply-body", nz(body)), () -> {
            if (body == null || body.isBlank()) throw AspaException.invalid("chat-reply-required", "Write a reply first");
            service.agentSend(me.organizationId(), me.id(), chatId, clientId == null || clientId.isBlank() ? UUID.randomUUID().toString() : clientId, body);
        });
    }

    @PostMapping("/workspace/chat/{id}/transfer")
    String transfer(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id, @RequestParam(required = false) String agent,
                    @RequestParam(required = false) String unit, @RequestParam(required = false) String note,
                    Model model, RedirectAttributes redirect, HttpServletResponse response) {
        UUID chatId = chatId(id);
        boolean toUnit = agent == null;
        String field = toUnit ? "transfer-unit" : "transfer-agent";
        return act(me, chatId, field, model, redirect, response, "chat.notice.transferred",
                Map.of("transfer-agent", nz(agent), "transfer-unit", nz(unit), "transfer-note", nz(note)), () -> {
                    if (toUnit) {
                        UUID to = uuidOrNull(unit);
                        if (to == null) throw AspaException.invalid("chat-transfer-unit", "Choose a unit");
                        service.transferToUnit(me.organizationId(), me.id(), chatId, to, note);
                    } else {
                        UUID to = uuidOrNull(agent);
                        if (to == null) throw AspaException.invalid("chat-transfer-agent", "Choose an agent");
                        service.transferToAgent(me.organizationId(), me.id(), chatId, to);
                    }
                }, true);
    }

    @PostMapping("/workspace/chat/{id}/close")
    String close(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id, @RequestParam(required = false) String outcome,
                 Model model, RedirectAttributes redirect, HttpServletResponse response) {
        UUID chatId = chatId(id);
        return act(me, chatId, "close-outcome-RESOLVED", model, redirect, response, "chat.notice.closed", Map.of(), () -> {
            CaseStatus status = "WAITING".equals(outcome) ? CaseStatus.WAITING : "RESOLVED".equals(outcome) ? CaseStatus.RESOLVED : null;
            if (status == null) throw AspaException.invalid("chat-outcome", "Choose how the chat ends");
            service.close(me.organizationId(), me.id(), chatId, status);
        }, true);
    }

    // ---------------------------------------------------------------- internals

    private String act(StaffPrincipal me, UUID chatId, String field, Model model, RedirectAttributes redirect,
                       HttpServletResponse response, String notice, Map<String, String> values, Runnable action) {
        return act(me, chatId, field, model, redirect, response, notice, values, action, false);
    }

    private String act(StaffPrincipal me, UUID chatId, String field, Model model, RedirectAttributes redirect,
                       HttpServletResponse response, String notice, Map<String, String> values, Runnable action, boolean toConsole) {
        try {
            action.run();
            if (notice != null) redirect.addFlashAttribute("notice", notice);
            return toConsole ? "redirect:/workspace/chat" : "redirect:/workspace/chat/" + chatId + (notice == null ? "#reply-body" : "");
        } catch (AspaException e) {
            if ("not-found".equals(e.code())) throw e;
            response.setStatus(e.status().value());
            String message = messageOr("chat.error." + e.code(), e.args(), "error." + e.code(), "chat.error.generic");
            return render(me, chatId, model, List.of(new FieldMessage(field, message)), values);
        }
    }

    private String render(StaffPrincipal me, UUID selected, Model model, List<FieldMessage> errors, Map<String, String> values) {
        OrganizationId org = me.organizationId();
        service.seen(org, me.id());
        lists(me, selected, model);
        Map<UUID, String> staffNames = staff.inOrganization(org).stream().collect(Collectors.toMap(StaffUser::id, StaffUser::displayName));
        Conversation conversation = null;
        CustomerView customer = null;
        if (selected != null) {
            ChatSession chat = service.session(org, selected).orElseThrow(() -> AspaException.notFound("Chat"));
            conversation = conversation(me, chat, staffNames);
            if (chat.customerId() != null) customer = customer(org, me.id(), chat);
        }
        Map<String, String> fieldErrors = new HashMap<>();
        errors.forEach(e -> fieldErrors.putIfAbsent(e.field(), e.message()));
        model.addAttribute("errors", errors);
        model.addAttribute("fieldErrors", fieldErrors);
        model.addAttribute("form", values);
        model.addAttribute("chat", conversation);
        model.addAttribute("customer", customer);
        model.addAttribute("clientId", UUID.randomUUID().toString());
        model.addAttribute("me", me.id().toString());
        model.addAttribute("agentOptions", service.presentAgents(org).stream().filter(a -> !a.staffId().equals(me.id()))
                .map(a -> new Option(a.staffId().toString(), staffNames.getOrDefault(a.staffId(), "?"))).toList());
        Language language = Language.of(LocaleContextHolder.getLocale());
        model.addAttribute("unitOptions", organizations.units(org).stream()
                .map(u -> new Option(u.id().toString(), u.name().in(language))).toList());
        return "chat/console";
    }

    private void lists(StaffPrincipal me, UUID selected, Model model) {
        OrganizationId org = me.organizationId();
        Language language = Language.of(LocaleContextHolder.getLocale());
        Map<UUID, String> unitNames = organizations.units(org).stream().collect(Collectors.toMap(u -> u.id(), u -> u.name().in(language)));
        List<ChatSession> waiting = service.waiting(org).stream()
                .filter(s -> s.unitId() == null || me.unitId() == null || s.unitId().equals(me.unitId())).toList();
        Map<UUID, String> firstLines = service.firstLines(org, waiting.stream().map(ChatSession::id).toList());
        List<QueueItem> queue = waiting.stream().map(s -> new QueueItem(s.id(), residentName(s), languageName(s.language()),
                time(s.queuedAt()), iso(s.queuedAt()), firstLines.getOrDefault(s.id(), ""),
                s.unitId() == null ? null : unitNames.get(s.unitId()))).toList();
        List<MyChat> mine = service.activeOf(org, me.id()).stream()
                .map(s -> new MyChat(s.id(), residentName(s), s.caseReference(), s.lastSeq(), s.id().equals(selected))).toList();
        ChatStore.AgentRow agent = service.agent(org, me.id());
        model.addAttribute("available", agent.available());
        model.addAttribute("queue", queue);
        model.addAttribute("myChats", mine);
        model.addAttribute("limit", service.limitOf(org, me.id()));
        model.addAttribute("selectedId", selected == null ? "" : selected.toString());
        ChatService.Availability availability = service.availability(org);
        model.addAttribute("openNow", availability.state() != ChatService.Open.CLOSED);
        model.addAttribute("hours", availability.hours().describe(LocaleContextHolder.getLocale()));
    }

    private Conversation conversation(StaffPrincipal me, ChatSession chat, Map<UUID, String> staffNames) {
        List<Line> lines = new ArrayList<>();
        String resident = residentName(chat);
        for (StreamEntry e : service.after(chat.organizationId(), chat.id(), 0, 5000)) {
            String who = switch (e.kind()) {
                case RESIDENT -> resident;
                case AGENT -> me.id().equals(e.authorStaffId()) ? msg("chat.you") : staffNames.getOrDefault(e.authorStaffId(), msg("chat.agent"));
                case SYSTEM -> msg("chat.system");
                case BOT -> msg("chat.bot");
            };
            String body = e.kind() == StreamEntry.Kind.SYSTEM
                    ? msg("chat.event." + e.event(), e.authorStaffId() == null ? "" : staffNames.getOrDefault(e.authorStaffId(), ""))
                    : e.body();
            if (e.kind() == StreamEntry.Kind.BOT && !e.links().isEmpty()) {
                body = body + " (" + String.join(", ", e.links().stream().map(l -> l.title() + " " + l.url()).toList()) + ")";
            }
            lines.add(new Line(e.seq(), e.kind().name().toLowerCase(Locale.ROOT), who, body, time(e.at()),
                    iso(e.at())));
        }
        boolean mine = chat.state() == ChatSession.State.ACTIVE && me.id().equals(chat.agentId());
        return new Conversation(chat.id(), chat.caseReference(), chat.caseId(), msg("chat.state." + chat.state().name()), mine,
                chat.state() == ChatSession.State.WAITING, chat.lastSeq(), resident, chat.language().code(),
                languageName(chat.language()), lines);
    }

    private CustomerView customer(OrganizationId org, UUID staffId, ChatSession chat) {
        Customer c = customers.viewAsStaff(org, staffId, chat.customerId(), PURPOSE, chat.caseReference());
        List<String> contacts = c.contactPoints().stream().map(p -> p.value()).toList();
        TimelinePage timeline = cases.timeline(org, c.id(), null, TIMELINE_LENGTH);
        return new CustomerView(c.id(), c.name().isBlank() ? msg("chat.resident") : c.name(), contacts, languageName(c.preferredLanguage()),
                timeline.entries().stream().map(t -> new TimelineItem(t.caseId(), t.reference(), t.subject(),
                        msg("workspace.channel." + t.channel().name()), msg("workspace.message." + t.kind().name()),
                        t.kind().name().toLowerCase(Locale.ROOT), t.excerpt(), DateTimes.dateTime(t.at(), LocaleContextHolder.getLocale()),
                        iso(t.at()), t.caseId().equals(chat.caseId()))).toList(), timeline.older());
    }

    private String residentName(ChatSession s) {
        return s.residentName() == null || s.residentName().isBlank() ? msg("chat.resident") : s.residentName();
    }

    private static String languageName(Language language) {
        return language.locale().getDisplayLanguage(language.locale());
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    private String messageOr(String key, Object[] args, String second, String fallback) {
        Locale locale = LocaleContextHolder.getLocale();
        String text = messages.getMessage(key, args, null, locale);
        if (text == null) text = messages.getMessage(second, args, null, locale);
        return text != null ? text : messages.getMessage(fallback, null, locale);
    }

    private static String time(Instant at) {
        return DateTimes.time(at, LocaleContextHolder.getLocale());
    }

    private static String iso(Instant at) {
        return DateTimes.iso(at);
    }

    private static UUID chatId(String id) {
        UUID value = uuidOrNull(id);
        if (value == null) throw AspaException.notFound("Chat");
        return value;
    }

    private static UUID uuidOrNull(String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
