package fi.aspa.assistant;

import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /workspace/admin/language-model}: an administrator lets a language model phrase the chatbot's answers (off by
 * default): the OpenAI-compatible endpoint's base address (https; plain http only to this machine, for a local
 * model), the model, the API key (write-only: shown masked, a blank field keeps it), the timeout after which the
 * resident gets the quoted answer instead, and {@code max_tokens}. "Test connection" sends one short request. Every
 * change and test is written to the change log shown on the page (who, what, when; never the key).
 */
@Controller
@RequestMapping("/workspace/admin/language-model")
class LanguageModelAdmin {
    static final String PATH = "/workspace/admin/language-model";
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    static final int MAX_URL = 500;
    static final int MAX_MODEL = 200;
    static final int MAX_KEY = 500;
    static final BigDecimal MIN_TIMEOUT = new BigDecimal("0.5");
    static final BigDecimal MAX_TIMEOUT = new BigDecimal("15");
    static final int MIN_TOKENS = 16;
    static final int MAX_TOKENS = 4000;

    private final LanguageModelStore store;
    private final LanguageModel languageModel;
    private final Staff staff;
    private final MessageSource messages;
    private final Clock clock;

    LanguageModelAdmin(LanguageModelStore store, LanguageModel languageModel, Staff staff, MessageSource messages, Clock clock) {
        this.store = store;
        this.languageModel = languageModel;
        this.staff = staff;
        this.messages = messages;
        this.clock = clock;
    }

    /** The form as typed (the key never: its field is always empty). */
    record Form(boolean enabled, String baseUrl, String model, String timeout, String maxTokens) {
        static Form of(LanguageModelSettings s) {
            return new Form(s.enabled(), s.baseUrl(), s.model(), seconds(s.timeoutMs()), Integer.toString(s.maxTokens()));
        }
    }

    record Change(String at, String atIso, String by, String whatKey, String detail) {}

    @GetMapping
    String page(@AuthenticationPrincipal StaffPrincipal me, Model model, Locale locale) {
        requireAdmin(me);
        LanguageModelSettings settings = store.find(me.organizationId());
        return render(me, settings, Form.of(settings), new FormErrors(messages, locale), model, locale);
    }

    @PostMapping
    @Transactional // the settings and their entry in the change log together
    String save(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String enabled,
                @RequestParam(required = false) String baseUrl, @RequestParam(required = false) String model,
                @RequestParam(required = false) String apiKey, @RequestParam(required = false) String removeKey,
                @RequestParam(required = false) String timeout, @RequestParam(required = false) String maxTokens,
                Model page, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        requireAdmin(me);
        LanguageModelSettings before = store.find(me.organizationId());
        Form form = new Form("true".equals(enabled), trim(baseUrl), trim(model), trim(timeout), trim(maxTokens));
        FormErrors errors = new FormErrors(messages, locale);
        String url = checkUrl(form, errors);
        String name = form.model();
        if (name.isEmpty() && form.enabled()) errors.add("model", "llm.admin.error.model-required");
        else if (name.length() > MAX_MODEL || name.chars().anyMatch(Character::isISOControl)) {
            errors.add("model", "llm.admin.error.model-invalid", String.valueOf(MAX_MODEL));
        }
        String key = apiKey == null ? "" : apiKey.strip();
        if (!key.isEmpty() && (key.length() > MAX_KEY || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e))) {
            errors.add("apiKey", "llm.admin.error.key-invalid", String.valueOf(MAX_KEY));
        }
        Integer timeoutMs = timeoutMs(form.timeout());
        if (timeoutMs == null) errors.add("timeout", "llm.admin.error.timeout", MIN_TIMEOUT.toPlainString().replace('.', decimal(locale)),
                MAX_TIMEOUT.toPlainString());
        Integer tokens = tokens(form.maxTokens());
        if (tokens == null) errors.add("maxTokens", "llm.admin.error.max-tokens", String.valueOf(MIN_TOKENS), String.valueOf(MAX_TOKENS));
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(me, before, form, errors, page, locale);
        }
        String newKey = "true".equals(removeKey) ? null : key.isEmpty() ? before.apiKey() : key;
        LanguageModelSettings after = new LanguageModelSettings(form.enabled(), url, name, newKey, timeoutMs, tokens);
        store.save(me.organizationId(), after, clock.instant());
        String detail = describe(before, after);
        if (!detail.isEmpty()) store.recordChange(me.organizationId(), me.id(), "SAVED", detail, clock.instant());
        if (!Objects.equals(before.apiKey(), after.apiKey())) {
            store.recordChange(me.organizationId(), me.id(), after.hasKey() ? "KEY_SET" : "KEY_REMOVED", null, clock.instant());
        }
        redirect.addFlashAttribute("notice", "llm.admin.saved");
        return "redirect:" + PATH;
    }

    /** One short request to the saved endpoint; the result is shown and logged. */
    @PostMapping("/test")
    String test(@AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        requireAdmin(me);
        LanguageModelSettings settings = store.find(me.organizationId());
        LanguageModel.Probe result = languageModel.probe(settings);
        store.recordChange(me.organizationId(), me.id(), "TESTED", result.name(), clock.instant());
        redirect.addFlashAttribute("probe", result.name());
        return "redirect:" + PATH + "#test";
    }

    private String render(StaffPrincipal me, LanguageModelSettings saved, Form form, FormErrors errors, Model model, Locale locale) {
        List<Change> changes = new ArrayList<>();
        for (LanguageModelStore.Change c : store.changes(me.organizationId(), 20)) {
            String by = staff.find(me.organizationId(), c.changedBy()).map(StaffUser::displayName).orElse("?");
            String detail = "TESTED".equals(c.what()) ? messages.getMessage("llm.admin.probe." + c.detail(), null, c.detail(), locale) : c.detail();
            changes.add(new Change(DateTimes.dateTime(c.at(), locale), DateTimes.iso(c.at()), by, "llm.admin.change." + c.what(), detail));
        }
        model.addAttribute("form", form);
        model.addAttribute("on", saved.usable());
        model.addAttribute("maskedKey", saved.maskedKey());
        model.addAttribute("errors", errors);
        model.addAttribute("changes", changes);
        return "assistant/language-model";
    }

    /** The base address, normalized (no trailing slash, no trailing {@code /v1}); null with an error when not acceptable. */
    static String normalizeUrl(String raw) {
        if (raw.length() > MAX_URL) return null;
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isBlank() || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return null;
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && LOCAL_HOSTS.contains(host.toLowerCase(Locale.ROOT)))) return null;
        String url = raw;
        while (url.endsWith("/")) url = url.substring(0, url.length() - 1);
        if (url.endsWith("/v1")) url = url.substring(0, url.length() - 3);
        while (url.endsWith("/")) url = url.substring(0, url.length() - 1);
        return url;
    }

    private static String checkUrl(Form form, FormErrors errors) {
        if (form.baseUrl().isEmpty()) {
            if (form.enabled()) errors.add("baseUrl", "llm.admin.error.url-required");
            return "";
        }
        String url = normalizeUrl(form.baseUrl());
        if (url == null) errors.add("baseUrl", "llm.admin.error.url-invalid");
        return url;
    }

    static Integer timeoutMs(String seconds) {
        if (seconds == null || seconds.isBlank() || seconds.length() > 10) return null;
        try {
            BigDecimal value = new BigDecimal(seconds.strip().replace(',', '.'));
            if (value.compareTo(MIN_TIMEOUT) < 0 || value.compareTo(MAX_TIMEOUT) > 0) return null;
            return value.movePointRight(3).intValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer tokens(String value) {
        if (value == null || !value.strip().matches("\\d{1,5}")) return null;
        int n = Integer.parseInt(value.strip());
        return n < MIN_TOKENS || n > MAX_TOKENS ? null : n;
    }

    static String seconds(int ms) {
        return BigDecimal.valueOf(ms).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    /** What changed, for the change log: the fields and their values before and after (never the key). */
    static String describe(LanguageModelSettings before, LanguageModelSettings after) {
        List<String> out = new ArrayList<>();
        if (before.enabled() != after.enabled()) out.add("enabled: " + before.enabled() + " → " + after.enabled());
        if (!before.baseUrl().equals(after.baseUrl())) out.add("base URL: " + show(before.baseUrl()) + " → " + show(after.baseUrl()));
        if (!before.model().equals(after.model())) out.add("model: " + show(before.model()) + " → " + show(after.model()));
        if (before.timeoutMs() != after.timeoutMs()) out.add("timeout: " + seconds(before.timeoutMs()) + " s → " + seconds(after.timeoutMs()) + " s");
        if (before.maxTokens() != after.maxTokens()) out.add("max tokens: " + before.maxTokens() + " → " + after.maxTokens());
        return String.join("; ", out);
    }

    private static String show(String value) {
        return value.isEmpty() ? "–" : value;
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }

    private static char decimal(Locale locale) {
        return "en".equals(locale.getLanguage()) ? '.' : ',';
    }

    private static void requireAdmin(StaffPrincipal me) {
        if (me == null || !me.has(Role.ADMIN)) {
            throw AspaException.forbidden("Only administrators configure the language model");
        }
    }
}
