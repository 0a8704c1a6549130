package fi.aspa.assistant;

import fi.aspa.cases.CaseEvents.CaseOpened;
import fi.aspa.cases.CaseEvents.CaseStatusChanged;
import fi.aspa.cases.CaseEvents.MessageReceived;
import fi.aspa.cases.CaseEvents.ReplyPosted;
import fi.aspa.cases.CaseSearchTexts;
import fi.aspa.cases.CaseSearchTexts.CaseText;
import fi.aspa.cases.CaseStatus;
import fi.aspa.platform.OrganizationId;
import fi.aspa.routing.CaseRouted;
import fi.aspa.routing.CasesRouted;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchDocument;
import fi.aspa.search.SearchDocumentSource;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.Visibility;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps every case in the search index for staff (type CASE, visibility STAFF_ONLY, which no public search asks for):
 * title = subject, body = subject and the conversation without internal notes, keyword = reference, facets
 * {@code status} → the status and {@code resolved} → {@code true} for resolved and closed cases (what "similar
 * resolved cases" filter on). Also remembers the service a case was routed to.
 *
 * <p>Cheap on the intake path: the case events are heard synchronously, in the publishing transaction, and only
 * note the case's id in memory after commit (no event publication, no transaction of its own). A background thread
 * collects the noted cases {@value #DELAY_MS} ms after the first note, but at most once per {@value #MIN_INTERVAL_MS} ms
 * (under load every commit and refresh of the index, and the merges of its small segments, cost more than the
 * documents themselves), reads their texts with one query per {@value #CHUNK} cases and writes them with one index
 * commit. A crash loses at most the last moment's notes; a rebuild
 * ({@link fi.aspa.search.SearchRebuild}) reads every case through {@link #searchDocuments}.
 */
@Component
class CaseIndexer implements SearchDocumentSource, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(CaseIndexer.class);
    static final long DELAY_MS = 200;
    static final long MIN_INTERVAL_MS = 1_000;
    private static final long RETRY_MS = 5_000;
    private static final int CHUNK = 500;
    static final String STATUS = "status";
    static final String RESOLVED = "resolved";

    private final CaseSearchTexts texts;
    private final SearchIndex index;
    private final BotStore store;
    private final Clock clock;
    private final Map<OrganizationId, Set<UUID>> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastFlushNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(MIN_INTERVAL_MS);
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "case-indexer");
        t.setDaemon(true);
        return t;
    });

    CaseIndexer(CaseSearchTexts texts, SearchIndex index, BotStore store, Clock clock) {
        this.texts = texts;
        this.index = index;
        this.store = store;
        this.clock = clock;
    }

    @EventListener
    void on(CaseOpened event) {
        changed(event.organizationId(), event.caseId());
    }

    @EventListener
    void on(MessageReceived event) {
        changed(event.organizationId(), event.caseId());
    }

    @EventListener
    void on(ReplyPosted event) {
        changed(event.organizationId(), event.caseId());
    }

    @EventListener
    void on(CaseStatusChanged event) {
        changed(event.organizationId(), event.caseId());
    }

    /** The service a person chose or corrected for a case, in their transaction. */
    @EventListener
    void on(CaseRouted event) {
        if (event.corrected() && event.serviceId() != null) {
            store.caseServices(event.organizationId(), Map.of(event.caseId(), event.serviceId()), clock.instant());
        }
    }

    /** The services of the routing worker's batch, in its transaction, with one statement. */
    @EventListener
    void on(CasesRouted event) {
        Map<UUID, UUID> services = new java.util.LinkedHashMap<>();
        for (CaseRouted r : event.routed()) if (r.serviceId() != null) services.put(r.caseId(), r.serviceId());
        store.caseServices(event.organizationId(), services, clock.instant());
    }

    /** Notes the case for the next flush, after the transaction that changed it commits (nothing when it rolls back). */
    private void changed(OrganizationId organization, UUID caseId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    enqueue(organization, caseId);
                }
            });
        } else {
            enqueue(organization, caseId);
        }
    }

    private void enqueue(OrganizationId organization, UUID caseId) {
        pending.computeIfAbsent(organization, o -> ConcurrentHashMap.newKeySet()).add(caseId);
        long sinceLast = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastFlushNanos);
        schedule(Math.max(DELAY_MS, MIN_INTERVAL_MS - sinceLast));
    }

    private void schedule(long delayMs) {
        if (scheduled.compareAndSet(false, true)) {
            try {
                flusher.schedule(this::flush, delayMs, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                scheduled.set(false);
            }
        }
    }

    /** Indexes every noted case; on failure the cases are noted again and retried later. */
    void flush() {
        lastFlushNanos = System.nanoTime();
        scheduled.set(false);
        for (OrganizationId organization : List.copyOf(pending.keySet())) {
            Set<UUID> noted = pending.get(organization);
            if (noted == null) continue;
            List<UUID> ids = new ArrayList<>(noted);
            noted.removeAll(ids);
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                try {
                    List<SearchDocument> documents = texts.byIds(organization, chunk).stream().map(CaseIndexer::document).toList();
                    if (!documents.isEmpty()) index.indexAll(documents);
                } catch (RuntimeException e) {
                    log.warn("Indexing {} cases of {} failed; retrying in {} ms", chunk.size(), organization, RETRY_MS, e);
                    pending.computeIfAbsent(organization, o -> ConcurrentHashMap.newKeySet()).addAll(chunk);
                    try {
                        flusher.schedule(() -> schedule(0), RETRY_MS, TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                        // the shutdown flush failed: a rebuild brings these cases back
                    }
                }
            }
        }
    }

    @Override
    public Stream<SearchDocument> searchDocuments(OrganizationId organization) {
        return texts.all(organization).map(CaseIndexer::document);
    }

    static SearchDocument document(CaseText c) {
        String body = c.body().isEmpty() ? c.subject() : c.subject() + "\n\n" + c.body();
        boolean resolved = c.status() == CaseStatus.RESOLVED || c.status() == CaseStatus.CLOSED;
        return new SearchDocument(c.id().toString(), c.organizationId(), DocumentType.CASE, c.language(), c.subject(), body,
                List.of(c.reference()), Map.of(STATUS, List.of(c.status().name()), RESOLVED, List.of(Boolean.toString(resolved))),
                Visibility.STAFF_ONLY, c.updatedAt());
    }

    @Override
    public void destroy() throws InterruptedException {
        flusher.shutdown();
        flusher.awaitTermination(10, TimeUnit.SECONDS);
        if (pending.values().stream().anyMatch(ids -> !ids.isEmpty())) {
            try {
                flush();
            } catch (RuntimeException e) {
                log.warn("Indexing the last cases at shutdown failed", e);
            }
        }
    }

}
