package fi.aspa.routing;

import fi.aspa.catalogue.Catalogue;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A decision's {@link RoutingReason} in a reader's language ({@code routing.reason.*}): services by their name in
 * that language from the catalogue (the name stored with the reason when the service is gone), channels, languages and
 * customer kinds by their labels, the confidence and threshold as the locale writes decimals.
 */
@Component
class ReasonText {
    private final MessageSource messages;
    private final Catalogue catalogue;

    ReasonText(MessageSource messages, Catalogue catalogue) {
        this.messages = messages;
        this.catalogue = catalogue;
    }

    String text(OrganizationId organization, RoutingReason why, Locale locale) {
        return switch (why.code()) {
            case RULE -> msg(locale, "routing.reason.RULE", why.rulePosition(), why.ruleName(),
                    String.join(", ",
                            why.conditions().stream().map(c -> condition(c, locale)).toList()));
            case CLASSIFIER, KEPT, TRIAGE, NO_UNIT -> {
                List<String> sentences = new ArrayList<>();
                String service = service(organization, why.serviceId(), why.serviceName(), locale);
                sentences.add(why.open311Code() == null
                        ? msg(locale, "routing.reason.best", service, why.confidence(), why.threshold())
                        : msg(locale, "routing.reason.best-open311", service, why.confidence(), why.threshold(), why.open311Code()));
                if (why.words() != null && !why.words().isEmpty()) {
                    sentences.add(msg(locale, "routing.reason.words", String.join(", ", why.words())));
                }
                sentences.add(msg(locale, "routing.reason." + why.code()));
                yield String.join(" ", sentences);
            }
            case NO_SERVICES -> msg(locale, "routing.reason.NO_SERVICES");
            case PERSON_CHOSE, PERSON_CORRECTED -> {
                String service = service(organization, why.serviceId(), why.serviceName(), locale);
                String previous = why.previousServiceId() == null ? null
                        : service(organization, why.previousServiceId(), why.previousServiceName(), locale);
                String chose = why.code() == RoutingReason.Code.PERSON_CORRECTED
                        ? msg(locale, "routing.reason.PERSON_CORRECTED", service, previous)
                        : Boolean.TRUE.equals(why.fromTriage()) ? msg(locale, "routing.reason.PERSON_CHOSE.from-triage", service)
                        : previous != null ? msg(locale, "routing.reason.PERSON_CHOSE.confirmed", service)
                        : msg(locale, "routing.reason.PERSON_CHOSE", service);
                yield Boolean.FALSE.equals(why.moved()) ? chose + " " + msg(locale, "routing.reason.not-moved") : chose;
            }
        };
    }

    private String condition(RoutingReason.Condition c, Locale locale) {
        String value = switch (c.kind()) {
            case CHANNEL -> msg(locale, "workspace.channel." + c.value());
            case LANGUAGE -> msg(locale, "routing.language." + c.value());
            case CUSTOMER_KIND -> msg(locale, "workspace.customer-kind." + c.value());
            case MAILBOX, OPEN311_CODE, KEYWORD, NONE -> c.value();
        };
        return c.kind() == RoutingReason.Condition.Kind.NONE ? msg(locale, "routing.reason.condition.NONE")
                : msg(locale, "routing.reason.condition." + c.kind(), value);
    }

    private String service(OrganizationId organization, UUID id, String stored, Locale locale) {
        if (id == null) return stored;
        return catalogue.find(organization, id).map(s -> s.name().in(Language.of(locale))).orElse(stored);
    }

    private String msg(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
