package fi.aspa.assistant;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchDocument;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.Visibility;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Knowledge-base articles as the knowledge module indexes them (the contract in HELPER-COMMON: type ARTICLE, one
 * document per published language version, facets {@code service} and {@code lifeEvent}), for the assistant's tests.
 */
final class Articles {
    static final UUID WASTE_SERVICE = UUID.fromString("0a6f3c1e-0000-4000-8000-000000000001");

    final String waste = UUID.randomUUID().toString();
    final String daycare = UUID.randomUUID().toString();
    final String parkingResidents = UUID.randomUUID().toString();
    final String parkingBusinesses = UUID.randomUUID().toString();
    final String internalWaste = UUID.randomUUID().toString();
    final String library = UUID.randomUUID().toString();

    /** Indexes the fixture articles into the organization. */
    Articles index(SearchIndex index, OrganizationId org) {
        index.indexAll(List.of(
                article(org, waste, Language.FI, "Jäteastian tyhjennys",
                        "Sekajäteastia tyhjennetään kahden viikon välein. Tyhjennyspäivän näet jätehuollon asiakasportaalista. "
                                + "Jos jäteastia jäi tyhjentämättä, ilmoita siitä jätehuoltoon seuraavana arkipäivänä.",
                        Visibility.PUBLIC, WASTE_SERVICE),
                article(org, waste, Language.SV, "Tömning av sopkärl",
                        "Kärlet för blandavfall töms varannan vecka. Tömningsdagen ser du i avfallshanteringens kundportal. "
                                + "Om sopkärlet inte tömdes, meddela avfallshanteringen följande vardag.",
                        Visibility.PUBLIC, WASTE_SERVICE),
                article(org, daycare, Language.FI, "Varhaiskasvatuspaikan hakeminen",
                        "Hae varhaiskasvatuspaikkaa viimeistään neljä kuukautta ennen kuin tarvitset paikan. "
                                + "Hakemus tehdään sähköisesti asiointipalvelussa. Päätös lähetetään sinulle postitse.",
                        Visibility.PUBLIC, null),
                article(org, parkingResidents, Language.FI, "Asukaspysäköintitunnus",
                        "Asukaspysäköintitunnuksella voit pysäköidä auton asukaspysäköintialueella. Pysäköintitunnus haetaan verkossa.",
                        Visibility.PUBLIC, null),
                article(org, parkingResidents, Language.SV, "Boendeparkeringstillstånd",
                        "Med boendeparkeringstillstånd får du parkera bilen i området för boendeparkering. Parkeringstillstånd söks på nätet.",
                        Visibility.PUBLIC, null),
                article(org, parkingBusinesses, Language.FI, "Yrityspysäköintitunnus",
                        "Yrityspysäköintitunnuksella yritys voi pysäköidä auton asukaspysäköintialueella. Pysäköintitunnus haetaan verkossa.",
                        Visibility.PUBLIC, null),
                article(org, parkingBusinesses, Language.SV, "Företagsparkeringstillstånd",
                        "Med företagsparkeringstillstånd får ett företag parkera bilen i området för boendeparkering. Parkeringstillstånd söks på nätet.",
                        Visibility.PUBLIC, null),
                article(org, internalWaste, Language.FI, "Sisäinen ohje: jäteastian korvaaminen",
                        "Rikkoutuneen jäteastian korvaamisesta päättää jätehuollon esihenkilö. Kirjaa asia jätehuollon järjestelmään.",
                        Visibility.INTERNAL, WASTE_SERVICE),
                article(org, library, Language.FI, "Kirjaston aukioloajat",
                        "Pääkirjasto on auki arkisin 9–20 ja lauantaisin 10–16. Sunnuntaisin kirjasto on suljettu.",
                        Visibility.PUBLIC, null)));
        return this;
    }

    static SearchDocument article(OrganizationId org, String id, Language language, String title, String body, Visibility visibility,
                                  UUID service) {
        return new SearchDocument(id, org, DocumentType.ARTICLE, language, title, body, List.of(),
                service == null ? Map.of() : Map.of("service", List.of(service.toString())), visibility, Instant.now());
    }
}
