package fi.aspa.catalogue;

/** A concept with the number of services filed under it. */
public record ConceptCount(Concept concept, int services) {}
