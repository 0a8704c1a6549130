package fi.aspa.catalogue;

import fi.aspa.platform.LocalizedText;
import java.util.Map;

/**
 * Swedish and English labels of the PTV target groups and life events (the data carries Finnish labels only).
 * Service classes and ontology terms fall back to Finnish.
 */
final class PtvVocabulary {
    private static final String BASE = "http://urn.fi/URN:NBN:fi:au:ptvl:";
    private static final Map<String, String[]> LABELS = Map.ofEntries(
            Map.entry("v2001", new String[]{"Medborgare", "Citizens"}),
            Map.entry("v2002", new String[]{"Äldre", "Older people"}),
            Map.entry("v2003", new String[]{"Barn och barnfamiljer", "Children and families with children"}),
            Map.entry("v2004", new String[]{"Unga", "Young people"}),
            Map.entry("v2005", new String[]{"Långtidssjuka", "People with long-term illnesses"}),
            Map.entry("v2006", new String[]{"Invandrare", "Immigrants"}),
            Map.entry("v2007", new String[]{"Personer med funktionsnedsättning", "People with disabilities"}),
            Map.entry("v2008", new String[]{"Företag och samfund", "Businesses and organisations"}),
            Map.entry("v2009", new String[]{"Företag som internationaliseras", "Internationalising companies"}),
            Map.entry("v2010", new String[]{"Uppfinnare", "Inventors"}),
            Map.entry("v2011", new String[]{"Företag på hemmamarknaden", "Companies in the domestic market"}),
            Map.entry("v2012", new String[]{"Företagare som kommer till Finland från utlandet", "Entrepreneurs coming to Finland from abroad"}),
            Map.entry("v2013", new String[]{"Storföretag", "Large companies"}),
            Map.entry("v2014", new String[]{"Arbetsgivare", "Employers"}),
            Map.entry("v2015", new String[]{"Föreningar och organisationer", "Associations and organisations"}),
            Map.entry("v2016", new String[]{"Personer som grundar företag i Finland", "People founding a company in Finland"}),
            Map.entry("v2017", new String[]{"Myndigheter", "Public authorities"}),
            Map.entry("v3001", new String[]{"Att få barn", "Having a child"}),
            Map.entry("v3002", new String[]{"Adoption", "Adoption"}),
            Map.entry("v3005", new String[]{"Rehabilitering", "Rehabilitation"}),
            Map.entry("v3007", new String[]{"En anhörigs död", "Death of a family member"}),
            Map.entry("v3014", new String[]{"Återflyttning till Finland", "Returning to Finland"}),
            Map.entry("v3015", new String[]{"Att flytta till Finland som invandrare", "Moving to Finland as an immigrant"}),
            Map.entry("v3016", new String[]{"Att bygga hus", "Building a house"}),
            Map.entry("v3018", new String[]{"Att bli arbetslös", "Becoming unemployed"}),
            Map.entry("v3019", new String[]{"Skuldsättning", "Getting into debt"}));

    private PtvVocabulary() {}

    /** The label with Swedish and English filled in where the vocabulary knows them and the data did not say. */
    static LocalizedText complete(String uri, LocalizedText label) {
        String[] known = uri != null && uri.startsWith(BASE) ? LABELS.get(uri.substring(BASE.length())) : null;
        if (known == null) return label;
        return new LocalizedText(label.fi(), blank(label.sv()) ? known[0] : label.sv(), blank(label.en()) ? known[1] : label.en());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
