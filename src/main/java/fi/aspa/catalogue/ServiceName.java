package fi.aspa.catalogue;

import fi.aspa.platform.LocalizedText;
import java.util.UUID;

/** A service's id, names and Open311 code: what a list to choose a service from needs, read without the rest. */
public record ServiceName(UUID id, LocalizedText name, String open311Code) {}
