package fi.aspa.knowledge;

import fi.aspa.cases.CaseDetail;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    static final String PURPOSE = "staff-question";

    private final Questions questions;
    private final Catalogue catalogue;
    private final Staff staff;
    private final MessageSource messages;
    private final PersonalDataLog accessLog;

    QuestionPages(Questions questions, Catalogue catalogue, Staff staff, MessageSource messages, PersonalDataLog accessLog) {
        this.questions = questions;
        this.catalogue = catalogue;
        this.staff = staff;
        this.messages = messages;
        this.accessLog = accessLog;
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
        CaseDetail detail = questions.casesOf(org, List.of(q)).get(q.caseId());
        if (detail == null) throw AspaException.notFound("Question");
        // the asker is the case's customer: a colleague reading the question is a view of their data, as on the case
        if (!q.askerId().equals(me.id())) {
            accessLog.record(org, me.id(), detail.summary().customerId(), PURPOSE, detail.summary().reference());
        }
        // staff who have left are still named on what they asked and answered
        Map<UUID, String> names = new HashMap<>();
        java.util.function.Function<UUID, String> name = staffId -> staffId == null ? null
                : names.computeIfAbsent(staffId, k -> staff.find(org, k).map(StaffUser::displayName).orElse(null));
        model.addAttribute("q", q);
        // the asker answers the experts' questions back where they follow their other internal requests
        model.addAttribute("own", q.askerId().equals(me.id()));
        model.addAttribute("asker", name.apply(q.askerId()));
        model.addAttribute("at", DateTimes.dateTime(q.createdAt(), locale));
        model.addAttribute("status", status(detail, locale));
        model.addAttribute("answers", Questions.answers(detail).stream()
                .map(m -> new Answer(name.apply(m.authorStaffId()), DateTimes.dateTime(m.createdAt(), locale), m.body())).toList());
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
        List<Questions.Question> mine = questions.mine(org, me.id());
        Map<UUID, CaseDetail> details = questions.casesOf(org, mine);
        model.addAttribute("mine", mine.stream().map(q -> {
            CaseDetail detail = details.get(q.caseId());
            return new Row(q.id(), Questions.shortened(q.question()), detail == null ? "" : status(detail, locale),
                    DateTimes.dateTime(q.createdAt(), locale), detail != null && Questions.answered(detail));
        }).toList());
        return "knowledge/questions";
    }

    private String status(CaseDetail detail, Locale locale) {
        return messages.getMessage("knowledge.question.status." + detail.summary().status().name(), null, locale);
    }
}
