package fi.aspa.catalogue;

import fi.aspa.platform.LocalizedText;

/** A term of a controlled vocabulary (PTV service class, target group, life event; YSO/KOKO ontology term). */
public record Concept(String uri, LocalizedText label) {}
