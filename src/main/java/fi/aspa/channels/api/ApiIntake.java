package fi.aspa.channels.api;

import fi.aspa.cases.Actor;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.CustomerKind;
import fi.aspa.customer.Customers;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A contact arriving through the API: the customer is recognized or created and the case opened in one
 * transaction, so a refused case leaves no orphan customer behind.
 */
@Service
class ApiIntake {
    private final Customers customers;
    private final Cases cases;

    ApiIntake(Customers customers, Cases cases) {
        this.customers = customers;
        this.cases = cases;
    }

    @Transactional
    OpenedCase open(OrganizationId organization, CaseRequests.NewCase request) {
        Language language = language(request.language(), Language.FI);
        CaseRequests.CustomerInput who = request.customer();
        UUID customer = customers.resolve(organization, new ContactDetails(
                who.kind() == null ? CustomerKind.PERSON : who.kind(), who.name(), who.email(), who.phone(),
                who.personalId(), who.businessId(), null, language(who.language(), language), true));
        return cases.open(organization, new NewCase(request.channel() == null ? Channel.API : request.channel(), customer,
                request.subject(), request.body(), language, null, request.unitId(), request.priority(), request.tags(),
                List.of(), Actor.api()));
    }

    private static Language language(String code, Language fallback) {
        return Language.parse(code).orElse(fallback);
    }
}
