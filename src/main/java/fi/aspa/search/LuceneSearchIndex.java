package fi.aspa.search;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SearchIndex} on embedded Lucene: per organization and language two indexes, {@code public} (documents
 * {@link Visibility#PUBLIC}) and {@code staff} ({@link Visibility#INTERNAL} and {@link Visibility#STAFF_ONLY}), in
 * {@code <organization>/<fi|sv|en>/<public|staff>} under {@code aspa.search.dir} (or in memory), analyzed by
 * {@link TextAnalysis}, ranked by {@link RankingQuery}. A search reads only its language's indexes: it filters no
 * language out of long postings lists, and a word's statistics are of its own language's texts. A public search reads
 * the public index alone, unfiltered, so the ranking of public answers (and the bot's confidence) does not depend on
 * the staff's cases and internal articles; a staff search reads both through one {@link MultiReader}.
 */
final class LuceneSearchIndex implements SearchIndex, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LuceneSearchIndex.class);

    static final String KEY = "key";
    static final String ID = "id";
    static final String ORG = "org";
    static final String TYPE = "type";
    static final String LANG = "lang";
    static final String VISIBILITY = "visibility";
    static final String UPDATED = "updated";
    static final String FACET_PREFIX = "facet.";
    private static final int TOTAL_HITS_THRESHOLD = 1000;
    private static final int BATCH = 256;
    /**
     * The layout and content of the index. 2: one index per language (session 4), cases of every state. 3: a public
     * and a staff index per language. An index written by an older version (or the single index of one organization
     * of version 1, without a version; or the one index per language of version 2) is rebuilt from the owners' data at
     * start-up ({@link #needsRebuild}).
     */
    static final int VERSION = 3;

    /**
     * Base forms and compound parts with positions and offsets (highlighting needs no second analysis). Every
     * document has every text field, whatever its language, so norms are dense: sparse norms cost a fifth of the
     * query time on a large index.
     */
    private static final FieldType TEXT = new FieldType(TextField.TYPE_NOT_STORED);
    /** Base forms only, for scoring whole words: frequencies, no positions. */
    private static final FieldType WORDS = new FieldType(TextField.TYPE_NOT_STORED);

    static {
        TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        TEXT.freeze();
        WORDS.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        WORDS.freeze();
    }

    private final Path root;
    private final TextAnalysis analysis;
    private final SynonymSource synonymSource;
    private final Ranking ranking;
    private final int indexingThreads;
    private final FacetsConfig facetsConfig = new FacetsConfig();
    private final Set<String> multiValued = ConcurrentHashMap.newKeySet();
    private final Map<Slot, OrganizationIndex> indexes = new ConcurrentHashMap<>();
    private final Map<Slot, Directory> inMemory = new ConcurrentHashMap<>();
    /** Per organization and language, the searcher over both indexes of the last pair of readers searched. */
    private final Map<Languages, Combined> combined = new ConcurrentHashMap<>();

    /** Which of a language's two indexes: the public documents, or the staff's (internal and staff-only). */
    enum Part {
        PUBLIC("public"), STAFF("staff");

        final String directory;

        Part(String directory) {
            this.directory = directory;
        }

        static Part of(Visibility visibility) {
            return visibility == Visibility.PUBLIC ? PUBLIC : STAFF;
        }

        /** The visibilities of the documents this part holds. */
        Set<Visibility> holds() {
            return this == PUBLIC ? Set.of(Visibility.PUBLIC) : Set.of(Visibility.INTERNAL, Visibility.STAFF_ONLY);
        }

        Part other() {
            return this == PUBLIC ? STAFF : PUBLIC;
        }
    }

    /** One organization's index of one language and part. */
    private record Slot(OrganizationId organization, Language language, Part part) {}

    /** One organization's indexes of one language. */
    private record Languages(OrganizationId organization, Language language) {}

    /**
     * A searcher over a MultiReader of one public and one staff reader (compared by identity). The MultiReader is never
     * closed: it holds no resources of its own and does not take references on its readers ({@code closeSubReaders});
     * each search holds the readers by acquiring them from their SearcherManagers.
     */
    private record Combined(IndexReader publicReader, IndexReader staffReader, OrganizationIndex.FacetedSearcher searcher) {}
    /**
     * Compiled synonym lists. An edit on this node drops its organization's at once ({@link #synonymsChanged}); an
     * edit on another node is read within {@code aspa.search.synonyms-fresh} (a minute), when a list that old is
     * compiled again.
     */
    private final Map<OrganizationId, Map<Language, Compiled>> synonyms = new ConcurrentHashMap<>();
    private volatile long synonymsFreshNanos = java.time.Duration.ofMinutes(1).toNanos();

    private record Compiled(CompiledSynonyms synonyms, long compiledAtNanos) {}

    /**
     * @param root where each organization's index directory is kept; null: in memory (tests, benchmarks)
     */
    LuceneSearchIndex(Path root, TextAnalysis analysis, SynonymSource synonymSource, Ranking ranking, int indexingThreads) {
        this.root = root;
        this.analysis = analysis;
        this.synonymSource = synonymSource;
        this.ranking = ranking;
        this.indexingThreads = Math.max(1, indexingThreads);
        facetsConfig.setMultiValued(TYPE, false);
        log.info("Search index in {}; Finnish analysis: {}", root == null ? "memory" : root, analysis.finnishMorphology());
    }

    TextAnalysis analysis() {
        return analysis;
    }

    // ---- writing

    @Override
    public void index(SearchDocument document) {
        indexAll(List.of(document));
    }

    @Override
    public void indexAll(Collection<SearchDocument> documents) {
        Map<Slot, List<SearchDocument>> bySlot = documents.stream()
                .collect(Collectors.groupingBy(d -> new Slot(d.organizationId(), d.language(), Part.of(d.visibility())),
                        LinkedHashMap::new, Collectors.toList()));
        bySlot.forEach((slot, docs) -> {
            write(slot, index -> {
                for (SearchDocument doc : docs) index.writer.updateDocument(new Term(KEY, key(doc)), toLucene(doc));
            });
            // a document whose visibility changed leaves the other index (after it is in the new one: never missing)
            // (only when one is there: a commit and refresh of the other index for every batch of cases would renew its
            // readers, and their facet state, for nothing)
            Slot other = new Slot(slot.organization(), slot.language(), slot.part().other());
            List<Term> moved = exists(other) ? present(open(other), docs) : List.of();
            if (!moved.isEmpty()) write(other, index -> index.writer.deleteDocuments(moved.toArray(Term[]::new)));
        });
    }

    @Override
    public void delete(OrganizationId organization, String id) {
        for (Slot slot : slots(organization)) {
            if (exists(slot)) write(slot, index -> index.writer.deleteDocuments(new Term(ID, id)));
        }
    }

    /** The keys of those of the documents that the index holds. */
    private static List<Term> present(OrganizationIndex index, List<SearchDocument> docs) {
        try {
            IndexSearcher searcher = index.searchers.acquire();
            try {
                List<Term> found = new ArrayList<>();
                for (SearchDocument doc : docs) {
                    Term key = new Term(KEY, key(doc));
                    if (searcher.getIndexReader().docFreq(key) > 0) found.add(key);
                }
                return found;
            } finally {
                index.searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The organization's indexes: of each language, public and staff. */
    private static List<Slot> slots(OrganizationId organization) {
        List<Slot> slots = new ArrayList<>();
        for (Language language : Language.values()) for (Part part : Part.values()) slots.add(new Slot(organization, language, part));
        return slots;
    }

    @Override
    public long rebuild(OrganizationId organization, Stream<SearchDocument> documents) {
        AtomicLong count = new AtomicLong();
        Map<Slot, OrganizationIndex> languages = new LinkedHashMap<>();
        for (Slot slot : slots(organization)) languages.put(slot, open(slot));
        languages.values().forEach(index -> index.lock.lock());
        try {
            for (OrganizationIndex index : languages.values()) index.writer.deleteAll();
            addInParallel(languages, organization, documents, count);
            for (OrganizationIndex index : languages.values()) index.commit(VERSION);
            for (OrganizationIndex index : languages.values()) index.searchers.maybeRefreshBlocking();
            if (root != null) deleteOldLayout(organization);
        } catch (IOException | RuntimeException e) {
            // roll back to the last commit: the previous index stays as it was
            languages.forEach((slot, index) -> {
                indexes.remove(slot, index);
                try {
                    index.writer.rollback();
                    if (root != null) index.directory.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            });
            if (e instanceof RuntimeException r) throw r;
            throw new UncheckedIOException((IOException) e);
        } finally {
            languages.values().forEach(index -> index.lock.unlock());
        }
        return count.get();
    }

    /**
     * Whether the organization's index should be rebuilt from the owners' data: it is empty, or was written by an
     * older {@link #VERSION} (an upgraded installation), or is still in an old layout (the single index of version 1,
     * the one index per language of version 2).
     */
    @Override
    public boolean needsRebuild(OrganizationId organization) {
        if (root != null && hasOldLayout(organization)) return true;
        for (Slot slot : slots(organization)) {
            if (exists(slot) && open(slot).version() < VERSION) return true;
        }
        return count(organization) == 0;
    }

    /**
     * The directories where older versions kept index files: the organization's own (version 1) and each language's
     * (version 2); now files are only in {@code <language>/<public|staff>}.
     */
    private List<Path> oldLayoutDirectories(OrganizationId organization) {
        List<Path> dirs = new ArrayList<>();
        dirs.add(directoryOf(organization));
        for (Language language : Language.values()) dirs.add(directoryOf(organization).resolve(language.code()));
        return dirs;
    }

    private boolean hasOldLayout(OrganizationId organization) {
        for (Path dir : oldLayoutDirectories(organization)) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                if (files.anyMatch(Files::isRegularFile)) return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }

    private void deleteOldLayout(OrganizationId organization) throws IOException {
        for (Path dir : oldLayoutDirectories(organization)) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) Files.deleteIfExists(file);
            }
        }
    }

    private void addInParallel(Map<Slot, OrganizationIndex> languages, OrganizationId organization, Stream<SearchDocument> documents,
                               AtomicLong count) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(indexingThreads, r -> {
            Thread t = new Thread(r, "search-indexer");
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(indexingThreads * 2);
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Future<?>> futures = new ArrayList<>();
        try {
            Iterator<SearchDocument> it = documents.iterator();
            while (it.hasNext() && failure.get() == null) {
                List<SearchDocument> batch = new ArrayList<>(BATCH);
                while (it.hasNext() && batch.size() < BATCH) {
                    SearchDocument doc = it.next();
                    if (!doc.organizationId().equals(organization)) {
                        throw new IllegalArgumentException("document " + doc.id() + " belongs to another organization");
                    }
                    batch.add(doc);
                }
                inFlight.acquireUninterruptibly();
                futures.add(pool.submit(() -> {
                    try {
                        for (SearchDocument doc : batch) {
                            languages.get(new Slot(organization, doc.language(), Part.of(doc.visibility()))).writer.addDocument(toLucene(doc));
                        }
                        count.addAndGet(batch.size());
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        inFlight.release();
                    }
                }));
                futures.removeIf(Future::isDone);
            }
        } finally {
            pool.shutdown();
            try {
                while (!pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                    log.info("rebuild of {}: {} documents so far", organization, count.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while rebuilding", e);
            }
        }
        if (failure.get() instanceof IOException e) throw e;
        if (failure.get() instanceof RuntimeException e) throw e;
        if (failure.get() != null) throw new IllegalStateException(failure.get());
    }

    private interface Write {
        void apply(OrganizationIndex index) throws IOException;
    }

    private void write(Slot slot, Write write) {
        OrganizationIndex index = open(slot);
        index.lock.lock();
        try {
            write.apply(index);
            index.commit();
            index.searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            index.lock.unlock();
        }
    }

    private static String key(SearchDocument doc) {
        return doc.id() + "\u0000" + doc.language().code();
    }

    /** A text field analyzed in the document's language, with parts ({@code body}) and without ({@code body.w}). */
    private void text(Document d, String name, Language language, String text) {
        d.add(new Field(RankingQuery.field(name), analysis.analyzer(language, true).tokenStream(name, text), TEXT));
        d.add(new Field(RankingQuery.wordsField(name), analysis.analyzer(language, false).tokenStream(name, text), WORDS));
    }

    private Document toLucene(SearchDocument doc) throws IOException {
        Language lang = doc.language();
        Document d = new Document();
        d.add(new StringField(KEY, key(doc), Field.Store.NO));
        d.add(new StringField(ID, doc.id(), Field.Store.YES));
        d.add(new StringField(ORG, doc.organizationId().toString(), Field.Store.NO));
        d.add(new StringField(TYPE, doc.type().name(), Field.Store.YES));
        d.add(new StringField(LANG, lang.code(), Field.Store.YES));
        d.add(new StringField(VISIBILITY, doc.visibility().name(), Field.Store.NO));
        d.add(new LongPoint(UPDATED, doc.updatedAt().toEpochMilli()));
        d.add(new StoredField(UPDATED, doc.updatedAt().toEpochMilli()));
        text(d, RankingQuery.TITLE, lang, doc.title());
        text(d, RankingQuery.KEYWORDS, lang, String.join("\n", doc.keywords()));
        text(d, RankingQuery.BODY, lang, doc.body());
        d.add(new StoredField(RankingQuery.TITLE, doc.title()));
        d.add(new StoredField(RankingQuery.BODY, doc.body()));
        d.add(new SortedSetDocValuesFacetField(TYPE, doc.type().name()));
        for (Map.Entry<String, List<String>> facet : doc.facets().entrySet()) {
            String dim = facet.getKey();
            if (dim.isBlank() || TYPE.equals(dim)) continue;
            if (!multiValued.contains(dim)) { // the config is synchronized: set each dimension once
                facetsConfig.setMultiValued(dim, true);
                multiValued.add(dim);
            }
            for (String value : facet.getValue()) {
                if (value == null || value.isBlank()) continue;
                d.add(new StringField(FACET_PREFIX + dim, value, Field.Store.NO));
                d.add(new SortedSetDocValuesFacetField(dim, value));
            }
        }
        return facetsConfig.build(d);
    }

    // ---- searching

    /**
     * Searches the public index alone when the query may see only public documents, the staff index alone when it may
     * see no public ones, else both through one searcher over a MultiReader of their current readers.
     */
    @Override
    public SearchResult search(SearchQuery query) {
        boolean wantsPublic = query.visibilities().contains(Visibility.PUBLIC);
        boolean wantsStaff = query.visibilities().stream().anyMatch(v -> v != Visibility.PUBLIC);
        Slot publicSlot = new Slot(query.organizationId(), query.language(), Part.PUBLIC);
        Slot staffSlot = new Slot(query.organizationId(), query.language(), Part.STAFF);
        boolean usePublic = wantsPublic && exists(publicSlot);
        boolean useStaff = wantsStaff && exists(staffSlot);
        try {
            if (usePublic && useStaff) return searchBoth(query, open(publicSlot), open(staffSlot));
            if (!usePublic && !useStaff) return SearchResult.empty();
            Part part = usePublic ? Part.PUBLIC : Part.STAFF;
            OrganizationIndex index = open(usePublic ? publicSlot : staffSlot);
            IndexSearcher searcher = index.searchers.acquire();
            try {
                return search((OrganizationIndex.FacetedSearcher) searcher, query, part.holds());
            } finally {
                index.searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SearchResult searchBoth(SearchQuery query, OrganizationIndex publicIndex, OrganizationIndex staffIndex) throws IOException {
        IndexSearcher publicSearcher = publicIndex.searchers.acquire();
        try {
            IndexSearcher staffSearcher = staffIndex.searchers.acquire();
            try {
                return search(combined(query, publicSearcher.getIndexReader(), staffSearcher.getIndexReader()), query,
                        java.util.EnumSet.allOf(Visibility.class));
            } finally {
                staffIndex.searchers.release(staffSearcher);
            }
        } finally {
            publicIndex.searchers.release(publicSearcher);
        }
    }

    /**
     * The searcher over both readers: the cached one while neither index has changed, so its facet ordinals are built
     * once per pair of readers, not per query.
     */
    private OrganizationIndex.FacetedSearcher combined(SearchQuery query, IndexReader publicReader, IndexReader staffReader) throws IOException {
        Languages key = new Languages(query.organizationId(), query.language());
        Combined last = combined.get(key);
        if (last != null && last.publicReader() == publicReader && last.staffReader() == staffReader) return last.searcher();
        // closeSubReaders = true only so the MultiReader takes no references: it is never closed (see Combined)
        MultiReader both = new MultiReader(new IndexReader[] {publicReader, staffReader}, true);
        Combined fresh = new Combined(publicReader, staffReader, new OrganizationIndex.FacetedSearcher(both, facetsConfig));
        combined.put(key, fresh);
        return fresh.searcher();
    }

    private SearchResult search(OrganizationIndex.FacetedSearcher searcher, SearchQuery query, Set<Visibility> searched) throws IOException {
        List<QueryWord> words = QueryWord.of(analysis.analyze(query.language(), query.text()));
        RankingQuery ranked = new RankingQuery(ranking, query.language(), searcher.getIndexReader(),
                synonyms(query.organizationId(), query.language()));
        Query scoring = ranked.build(words);
        if (scoring == null) return SearchResult.empty();
        Query full = withFilters(scoring, query, searched);
        TopDocs top;
        Map<String, List<FacetCount>> facets = Map.of();
        if (query.facets()) {
            FacetsCollectorManager.FacetsResult result = FacetsCollectorManager.search(searcher, full, query.limit(), new FacetsCollectorManager());
            top = result.topDocs();
            facets = facetCounts(searcher, result);
        } else {
            top = searcher.search(full, new TopScoreDocCollectorManager(query.limit(), TOTAL_HITS_THRESHOLD));
        }
        Query highlight = top.scoreDocs.length == 0 ? null : ranked.highlight(words, RankingQuery.BODY);
        return new SearchResult(hits(searcher, highlight, query.language(), top), top.totalHits.value(), facets);
    }

    /**
     * The scoring query, filtered to the query's visibilities, types and facet values. A filter that every document
     * passes is left out (the organization and the language: the index is the organization's own of one language;
     * every visibility the searched indexes hold, e.g. PUBLIC in the public index; all types): on a large index each
     * filter is a long postings list to leap-frog through, and a multi-valued one a disjunction of them.
     *
     * @param searched the visibilities of the documents in the indexes searched
     */
    static Query withFilters(Query scoring, SearchQuery query, Set<Visibility> searched) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(scoring, Occur.MUST);
        if (!query.visibilities().containsAll(searched)) {
            b.add(anyOf(VISIBILITY, query.visibilities().stream().filter(searched::contains).map(Enum::name).toList()), Occur.FILTER);
        }
        if (!query.types().isEmpty() && query.types().size() < DocumentType.values().length) {
            b.add(anyOf(TYPE, query.types().stream().map(Enum::name).toList()), Occur.FILTER);
        }
        query.filters().forEach((dim, value) -> b.add(new TermQuery(new Term(FACET_PREFIX + dim, value)), Occur.FILTER));
        return b.build();
    }

    private static Query anyOf(String field, List<String> values) {
        if (values.size() == 1) return new TermQuery(new Term(field, values.get(0)));
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }

    private List<SearchHit> hits(IndexSearcher searcher, Query highlight, Language language, TopDocs top) throws IOException {
        if (top.scoreDocs.length == 0) return List.of();
        String body = RankingQuery.field(RankingQuery.BODY);
        String title = RankingQuery.field(RankingQuery.TITLE);
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analysis.analyzer(language, true))
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getSentenceInstance(language.locale()), 160, 0.5f))
                .withMaxNoHighlightPassages(1)
                .build();
        String[] snippets = highlighter.highlight(body, highlight, top, 2);
        StoredFields stored = searcher.storedFields();
        Set<String> wanted = Set.of(ID, TYPE, LANG, title);
        List<SearchHit> hits = new ArrayList<>(top.scoreDocs.length);
        for (int i = 0; i < top.scoreDocs.length; i++) {
            ScoreDoc sd = top.scoreDocs[i];
            Document d = stored.document(sd.doc, wanted);
            String snippet = snippets[i] == null ? "" : snippets[i];
            hits.add(new SearchHit(d.get(ID), DocumentType.valueOf(d.get(TYPE)), Language.parse(d.get(LANG)).orElse(language),
                    sd.score, d.get(title) == null ? "" : d.get(title), snippet));
        }
        return hits;
    }

    private static Map<String, List<FacetCount>> facetCounts(OrganizationIndex.FacetedSearcher searcher,
                                                             FacetsCollectorManager.FacetsResult result) throws IOException {
        SortedSetDocValuesReaderState state = searcher.facetState();
        if (state == null) return Map.of();
        SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(state, result.facetsCollector());
        Map<String, List<FacetCount>> out = new LinkedHashMap<>();
        for (FacetResult dim : counts.getAllDims(20)) {
            List<FacetCount> values = new ArrayList<>();
            for (LabelAndValue lv : dim.labelValues) values.add(new FacetCount(lv.label, lv.value.intValue()));
            out.put(dim.dim, values);
        }
        return out;
    }

    @Override
    public java.util.Optional<StoredText> stored(OrganizationId organization, String id, Language language) {
        if (id == null || language == null) return java.util.Optional.empty();
        for (Part part : Part.values()) {
            java.util.Optional<StoredText> found = stored(new Slot(organization, language, part), id);
            if (found.isPresent()) return found;
        }
        return java.util.Optional.empty();
    }

    private java.util.Optional<StoredText> stored(Slot slot, String id) {
        if (!exists(slot)) return java.util.Optional.empty();
        Language language = slot.language();
        OrganizationIndex index = open(slot);
        try {
            IndexSearcher searcher = index.searchers.acquire();
            try {
                TopDocs top = searcher.search(new TermQuery(new Term(KEY, id + "\u0000" + language.code())), 1);
                if (top.scoreDocs.length == 0) return java.util.Optional.empty();
                String title = RankingQuery.field(RankingQuery.TITLE);
                String body = RankingQuery.field(RankingQuery.BODY);
                Document d = searcher.storedFields().document(top.scoreDocs[0].doc, Set.of(ID, TYPE, LANG, title, body));
                return java.util.Optional.of(new StoredText(d.get(ID), DocumentType.valueOf(d.get(TYPE)), language,
                        d.get(title) == null ? "" : d.get(title), d.get(body) == null ? "" : d.get(body)));
            } finally {
                index.searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long count(OrganizationId organization) {
        long count = 0;
        for (Language language : Language.values()) count += count(organization, language);
        return count;
    }

    @Override
    public long count(OrganizationId organization, Language language) {
        return count(new Slot(organization, language, Part.PUBLIC)) + count(new Slot(organization, language, Part.STAFF));
    }

    /** The public index's count: what a public search ranks against. */
    @Override
    public long publicCount(OrganizationId organization, Language language) {
        return count(new Slot(organization, language, Part.PUBLIC));
    }

    private long count(Slot slot) {
        if (!exists(slot)) return 0;
        OrganizationIndex index = open(slot);
        try {
            IndexSearcher searcher = index.searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                index.searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void synonymsFresh(java.time.Duration fresh) {
        if (fresh.isNegative() || fresh.isZero()) throw new IllegalArgumentException("aspa.search.synonyms-fresh must be positive");
        this.synonymsFreshNanos = fresh.toNanos();
    }

    @Override
    public void synonymsChanged(OrganizationId organization) {
        synonyms.remove(organization);
    }

    @Override
    public List<SynonymExpansion> expandSynonyms(OrganizationId organization, Language language, String text) {
        String typed = text == null ? "" : text;
        List<QueryWord> words = QueryWord.of(analysis.analyze(language, typed));
        Map<String, String> asTyped = new java.util.HashMap<>(); // folded surface -> the word as typed
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[\\p{L}\\p{N}]+").matcher(typed);
        while (m.find()) asTyped.putIfAbsent(Fold.fold(m.group().toLowerCase(language.locale())), m.group());
        CompiledSynonyms compiled = synonyms(organization, language);
        List<SynonymExpansion> out = new ArrayList<>();
        for (CompiledSynonyms.Match match : compiled.matches(words)) {
            String from = words.subList(match.start(), match.start() + match.length()).stream()
                    .map(w -> asTyped.getOrDefault(w.surface(), w.surface())).collect(Collectors.joining(" "));
            out.add(new SynonymExpansion(from, match.alternatives().stream().map(compiled::written).toList()));
        }
        return out;
    }

    private CompiledSynonyms synonyms(OrganizationId organization, Language language) {
        Map<Language, Compiled> lists = synonyms.computeIfAbsent(organization, o -> new ConcurrentHashMap<>());
        Compiled compiled = lists.computeIfAbsent(language, l -> compile(organization, l));
        if (System.nanoTime() - compiled.compiledAtNanos() > synonymsFreshNanos) {
            compiled = compile(organization, language);
            lists.put(language, compiled);
        }
        return compiled.synonyms();
    }

    private Compiled compile(OrganizationId organization, Language language) {
        return new Compiled(CompiledSynonyms.compile(synonymSource.rules(organization, language), analysis, language), System.nanoTime());
    }

    // ---- directories

    private boolean exists(Slot slot) {
        return indexes.containsKey(slot)
                || (root == null ? inMemory.containsKey(slot) : Files.isDirectory(directoryOf(slot)));
    }

    private Path directoryOf(OrganizationId organization) {
        return root.resolve(organization.value().toString());
    }

    private Path directoryOf(Slot slot) {
        return directoryOf(slot.organization()).resolve(slot.language().code()).resolve(slot.part().directory);
    }

    private OrganizationIndex open(Slot slot) {
        return indexes.computeIfAbsent(slot, s -> {
            try {
                Directory directory = root == null
                        ? inMemory.computeIfAbsent(s, x -> new ByteBuffersDirectory())
                        : FSDirectory.open(Files.createDirectories(directoryOf(s)));
                return new OrganizationIndex(directory, new org.apache.lucene.analysis.core.KeywordAnalyzer(), facetsConfig, VERSION);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void close() {
        for (OrganizationIndex index : indexes.values()) {
            try {
                index.close();
            } catch (IOException e) {
                log.warn("closing a search index failed", e);
            }
        }
        indexes.clear();
        inMemory.clear();
        combined.clear();
        analysis.close();
    }
}
