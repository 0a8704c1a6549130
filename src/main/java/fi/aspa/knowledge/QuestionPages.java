package fi.aspa.knowledge;

import fi.aspa.catalogue.Catalogue;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /workspace/questions}: ask the experts, see first whether it has been answered already. */
@Controller
class QuestionPages {

    private final Questions questions;
    private final Catalogue catalogue;
    private final Staff staff;
    private final MessageSource messages;

    QuestionPages(Questions questions, Catalogue catalogue, Staff staff, MessageSource messages) {
        this.questions = questions;
        this.catalogue = catalogue;
        this.staff = staff;
        this.messages = messages;
    }

    record Row(UUID id, String question, String status, String at, boolean answered) {}

    record Answer(String author, String at, String body) {}

    @GetMapping("/workspace/questions")
    String page(@AuthenticationPrincipal StaffPrincipal me, Locale locale, Model model) {
        return render(me, "", "", null, new FormErrors(messages, locale), locale, model);
    }

    @PostMapping("/workspace/questions")
    String post(@RequestParam(required = false) String question, @RequestParam(required = false) String service,
                @RequestParam(required = false) String action, @AuthenticationPrincipal StaffPrincipal me, Locale locale, Model model) {
        OrganizationId org = me.organizationId();
        String text = question == null ? "" : question.strip();
        FormErrors errors = new FormErrors(messages, locale);
        if (text.isEmpty()) errors.add("question", "knowledge.question.error.missing");
        if (text.length() > Questions.MAX_QUESTION) errors.add("question", "knowledge.question.error.too-long");
        UUID serviceId = service == null || service.isBlank() ? null : EditorPages.uuid(service).orElse(null);
        if (service != null && !service.isBlank() && (serviceId == null || catalogue.find(org, serviceId).isEmpty())) {
            errors.add("service", "knowledge.error.service");
        }
        Language language = Language.of(locale);
        if (!errors.isEmpty()) return render(me, text, service, null, errors, locale, model);
        if (!"send".equals(action)) {
            return render(me, text, service, questions.similar(org, text, language), errors, locale, model);
        }
        Questions.Question asked = questions.ask(org, me.id(), text, serviceId, language);
        return "redirect:/workspace/questions/" + asked.id() + "?sent";
    }

    @GetMapping("/workspace/questions/{id}")
    String question(@PathVariable UUID id, @AuthenticationPrincipal StaffPrincipal me, Locale locale, Model model) {
        OrganizationId org = me.organizationId();
        Questions.Question q = questions.find(org, id).orElseThrow(() -> AspaException.notFound("Question"));
        var names = staff.inOrganization(org).stream().collect(java.util.stream.Collectors.toMap(StaffUser::id, StaffUser::displayName));
        model.addAttribute("q", q);
        model.addAttribute("asker", names.get(q.askerId()));
        model.addAttribute("at", DateTimes.dateTime(q.createdAt(), locale));
        model.addAttribute("status", questions.status(org, q).map(s -> messages.getMessage("knowledge.question.status." + s.name(), null, locale)).orElse(""));
        model.addAttribute("answers", questions.answers(org, q).stream()
                .map(m -> new Answer(m.authorStaffId() == null ? null : names.get(m.authorStaffId()), DateTimes.dateTime(m.createdAt(), locale), m.body())).toList());
        return "knowledge/question";
    }

    private String render(StaffPrincipal me, String question, String service, List<Questions.Similar> similar, FormErrors errors,
                          Locale locale, Model model) {
        OrganizationId org = me.organizationId();
        Language language = Language.of(locale);
        model.addAttribute("question", question);
        model.addAttribute("service", service);
        model.addAttribute("similar", similar);
        model.addAttribute("errors", errors.getSummary());
        model.addAttribute("questionError", errors.get("question"));
        model.addAttribute("serviceError", errors.get("service"));
        model.addAttribute("services", catalogue.list(org).stream()
                .map(s -> new EditorPages.Option(s.id().toString(), s.name().in(language), s.id().toString().equals(service)))
                .sorted(Comparator.comparing(EditorPages.Option::label)).toList());
        model.addAttribute("mine", questions.mine(org, me.id()).stream().map(q -> new Row(q.id(),
                q.question().length() > 120 ? q.question().substring(0, 120) + "…" : q.question(),
                questions.status(org, q).map(s -> messages.getMessage("knowledge.question.status." + s.name(), null, locale)).orElse(""),
                DateTimes.dateTime(q.createdAt(), locale), !questions.answers(org, q).isEmpty())).toList());
        return "knowledge/questions";
    }
}
