package fi.aspa.demo;

import fi.aspa.platform.OrganizationId;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** What the generator made: counts for the log and the tests, and the customers in creation order. */
record DemoResult(OrganizationId organization, int units, int servicePoints, int staff, List<UUID> customers, int cases,
                  int messages, Duration took) {}
