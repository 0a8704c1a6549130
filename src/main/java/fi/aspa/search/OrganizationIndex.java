package fi.aspa.search;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;

/**
 * One organization's Lucene index of one language: its directory, the one writer, and near-real-time searchers.
 * Writes are serialized by {@link #lock} so a rebuild replaces the index atomically: searchers are refreshed only
 * after the rebuild's commit and keep the old snapshot until then.
 *
 * <p>Every commit records the {@link #version} of the layout and content the index was built with (commit user data
 * {@value #VERSION_KEY}); an index without one, or with an older one, is rebuilt from the owners' data at start-up.
 */
final class OrganizationIndex implements Closeable {
    static final String VERSION_KEY = "aspa.search.version";

    final Directory directory;
    final IndexWriter writer;
    final SearcherManager searchers;
    final ReentrantLock lock = new ReentrantLock();
    /** The version the documents were written with: of the last commit, or the current one for a new index. */
    private volatile int version;

    OrganizationIndex(Directory directory, Analyzer analyzer, FacetsConfig facets, int currentVersion) throws IOException {
        this.directory = directory;
        this.version = DirectoryReader.indexExists(directory) ? versionOf(directory) : currentVersion;
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(64);
        this.writer = new IndexWriter(directory, config);
        this.searchers = new SearcherManager(writer, new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                return new FacetedSearcher(reader, facets);
            }
        });
    }

    private static int versionOf(Directory directory) throws IOException {
        String v = SegmentInfos.readLatestCommit(directory).getUserData().get(VERSION_KEY);
        try {
            return v == null ? 0 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    int version() {
        return version;
    }

    /** Commits, recording the version; {@code version} is the current one after a full rebuild, else unchanged. */
    void commit(int version) throws IOException {
        this.version = version;
        writer.setLiveCommitData(Map.of(VERSION_KEY, Integer.toString(version)).entrySet());
        writer.commit();
    }

    void commit() throws IOException {
        commit(version);
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            searchers.close();
            writer.close();
            directory.close();
        } finally {
            lock.unlock();
        }
    }

    /** A searcher that builds its facet ordinals on first use (only searches that count facets pay for them). */
    static final class FacetedSearcher extends IndexSearcher {
        private final FacetsConfig config;
        private volatile SortedSetDocValuesReaderState facetState;
        private volatile boolean noFacets;

        FacetedSearcher(IndexReader reader, FacetsConfig config) {
            super(reader);
            this.config = config;
        }

        SortedSetDocValuesReaderState facetState() throws IOException {
            if (facetState == null && !noFacets) {
                synchronized (this) {
                    if (facetState == null && !noFacets) {
                        try {
                            facetState = new DefaultSortedSetDocValuesReaderState(getIndexReader(), config);
                        } catch (IllegalArgumentException empty) { // no document has facets yet
                            noFacets = true;
                        }
                    }
                }
            }
            return facetState;
        }
    }
}
