package fi.aspa.catalogue;

/** The vocabularies a service is filed under. */
public enum ConceptKind { SERVICE_CLASS, TARGET_GROUP, LIFE_EVENT, ONTOLOGY_TERM }
