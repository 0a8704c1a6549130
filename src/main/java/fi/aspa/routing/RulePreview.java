package fi.aspa.routing;

import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseFilter;
import fi.aspa.cases.CaseSort;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.platform.OrganizationId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** "This rule would have matched N of the last M cases": a rule's conditions tried on the newest cases. */
@Component
class RulePreview {
    static final int LAST = 200;
    static final int SAMPLES = 10;

    private final Cases cases;
    private final CaseRouter router;

    RulePreview(Cases cases, CaseRouter router) {
        this.cases = cases;
        this.router = router;
    }

    record Sample(UUID id, String reference, String subject) {}

    record Result(int matched, int examined, List<Sample> samples) {}

    Result preview(OrganizationId organization, RoutingRule.Conditions when) {
        List<CaseSummary> latest = cases.list(organization, CaseFilter.all(), CaseSort.CREATED_DESC, 0, LAST).items();
        int matched = 0;
        List<Sample> samples = new ArrayList<>();
        for (CaseSummary summary : latest) {
            CaseDetail detail = cases.detail(organization, summary.id()).orElse(null);
            if (detail == null) continue;
            if (RuleMatcher.match(when, router.subject(organization, detail)).isPresent()) {
                matched++;
                if (samples.size() < SAMPLES) samples.add(new Sample(summary.id(), summary.reference(), summary.subject()));
            }
        }
        return new Result(matched, latest.size(), samples);
    }
}
