package fi.aspa.assistant;

import fi.aspa.identity.Role;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.Language;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /workspace/bot/unanswered}: the questions the bot handed over because it found nothing good enough, most
 * asked first, for the editors of the knowledge base; a question dealt with (an article written) is removed. An
 * administrator turns the chatbot on or off here.
 */
@Controller
class UnansweredPage {
    private static final int LIMIT = 200;

    private final BotStore store;
    private final Chatbot chatbot;
    private final UnansweredRetention retention;

    UnansweredPage(BotStore store, Chatbot chatbot, UnansweredRetention retention) {
        this.store = store;
        this.chatbot = chatbot;
        this.retention = retention;
    }

    record Row(String id, String language, String question, String pageUrl, int asked, String last, String lastIso) {}

    @GetMapping("/workspace/bot/unanswered")
    String page(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String lang, Locale locale, Model model) {
        Language filter = lang == null || lang.isBlank() ? null : Language.parse(lang).orElse(null);
        List<Row> rows = store.unanswered(me.organizationId(), filter, LIMIT).stream()
                .map(u -> new Row(u.id().toString(), u.language().code(), u.question(), u.pageUrl(), u.asked(),
                        DateTimes.dateTime(u.lastAskedAt(), locale), DateTimes.iso(u.lastAskedAt())))
                .toList();
        model.addAttribute("rows", rows);
        // the list stops at LIMIT; the count does not
        model.addAttribute("total", rows.size() < LIMIT ? rows.size() : store.unansweredCount(me.organizationId(), filter));
        model.addAttribute("filter", filter == null ? "" : filter.code());
        model.addAttribute("enabled", chatbot.enabled(me.organizationId()));
        model.addAttribute("admin", me.has(Role.ADMIN));
        model.addAttribute("retentionDays", retention.keep().toDays());
        return "assistant/unanswered";
    }

    @PostMapping("/workspace/bot/unanswered/{id}/done")
    String done(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id, RedirectAttributes redirect) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw AspaException.notFound("Question");
        }
        if (!store.deleteUnanswered(me.organizationId(), uuid)) throw AspaException.notFound("Question");
        redirect.addFlashAttribute("notice", "bot.unanswered.removed");
        return "redirect:/workspace/bot/unanswered";
    }

    @PostMapping("/workspace/bot/settings")
    String settings(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String enabled, RedirectAttributes redirect) {
        if (!me.has(Role.ADMIN)) throw AspaException.forbidden("Only an administrator changes the chatbot");
        chatbot.setEnabled(me.organizationId(), "true".equals(enabled));
        redirect.addFlashAttribute("notice", "true".equals(enabled) ? "bot.settings.on" : "bot.settings.off");
        return "redirect:/workspace/bot/unanswered";
    }
}
